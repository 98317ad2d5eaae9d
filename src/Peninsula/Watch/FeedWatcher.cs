using System.Globalization;
using System.Text.RegularExpressions;
using Peninsula.Import;
using Peninsula.Storage;

namespace Peninsula.Watch;

/// <summary>A feed that <c>peninsula watch</c> polls, and where its polling stands.</summary>
public sealed record FeedWatch
{
    /// <summary>The name to refer to it by.</summary>
    public required string Name { get; init; }

    /// <summary>The feed's address (http or https).</summary>
    public required Uri Url { get; init; }

    /// <summary>How often to poll it when all is well.</summary>
    public required TimeSpan Every { get; init; }

    /// <summary>The ETag of the last answer, sent back as If-None-Match.</summary>
    public string? ETag { get; init; }

    /// <summary>The Last-Modified of the last answer, sent back as If-Modified-Since.</summary>
    public string? LastModified { get; init; }

    /// <summary>When it was last polled (UTC).</summary>
    public DateTimeOffset? LastPolledAt { get; init; }

    /// <summary>When it is next due (UTC); null means now.</summary>
    public DateTimeOffset? NextPollAt { get; init; }

    /// <summary>Failures in a row; each doubles the wait, up to a day.</summary>
    public int Failures { get; init; }

    /// <summary>What the last poll did, in words.</summary>
    public string? LastStatus { get; init; }

    /// <summary>The wait after <paramref name="failures"/> failures in a row: the interval doubled each time, at most a day.</summary>
    public static TimeSpan Backoff(TimeSpan every, int failures) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromDays(1).Ticks, every.Ticks * (1L << Math.Min(failures, 20))));

    /// <summary>An interval as <see cref="ParseEvery"/> reads it (15m, 2h, 1d, 90s), not as a clock time (01:00:00).</summary>
    public static string WriteEvery(TimeSpan every) =>
        every.Ticks % TimeSpan.TicksPerDay == 0 ? string.Create(CultureInfo.InvariantCulture, $"{every.Days}d")
        : every.Ticks % TimeSpan.TicksPerHour == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)every.TotalHours}h")
        : every.Ticks % TimeSpan.TicksPerMinute == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)every.TotalMinutes}m")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)every.TotalSeconds}s");

    /// <summary>Reads an interval written like <c>15m</c>, <c>2h</c>, <c>1d</c> or <c>90s</c>; at least a minute.</summary>
    public static TimeSpan ParseEvery(string text, string field = "--every")
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Regex.Match(text.Trim(), @"^(\d{1,5})\s*([smhd])$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            throw new InputException($"'{text}' is not an interval; write it like 15m, 2h or 1d.", field: field);
        }

        var n = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var interval = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
        return interval < TimeSpan.FromMinutes(1) ? throw new InputException("poll at most once a minute: feeds are not to be hammered.", field: field) : interval;
    }

    /// <summary>Checks a URL a user gives: absolute, http or https.</summary>
    public static Uri ParseUrl(string text)
    {
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new InputException($"'{text}' is not an http or https address.", field: "url");
    }
}

/// <summary>One line of the watch log.</summary>
public sealed record WatchLogEntry(DateTimeOffset At, string Name, string Message);

/// <summary>
/// Polls watched feeds: a conditional request (ETag, If-Modified-Since), new items stored as
/// documents (deduplicated by GUID or link), failures backed off, and every poll logged. A watched
/// GDELT update list (<see cref="GdeltUpdates"/>) is polled the same way, its newest export read
/// for the articles about North Korea. A feed that fails in any way (refused, broken connection,
/// too slow, too big, too deep, not a feed) is recorded as failed and backed off; it never stops
/// the polling of the other feeds.
/// </summary>
public sealed class FeedWatcher(IEventStore store, SafeHttp http, TimeProvider clock)
{
    /// <summary>The default of <see cref="ReadBudget"/>: 30 seconds.</summary>
    internal static readonly TimeSpan DefaultReadBudget = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a feed may take to be read once fetched; for a GDELT update list, the download
    /// of the export it names counts too, so that a server that stalls cannot hold the poll longer.
    /// </summary>
    internal TimeSpan ReadBudget { get; init; } = DefaultReadBudget;

    private readonly FeedImporter _feeds = new();

    /// <summary>
    /// Accept a proposal that at least this many independent publishers report, without review;
    /// null (the default) queues every new proposal for review.
    /// </summary>
    public int? AutoAccept { get; init; }

    /// <summary>
    /// Polls every feed that is due (every feed when <paramref name="all"/>), one after another,
    /// and returns each one's new state; a failing feed is recorded and the next one polled.
    /// </summary>
    public async Task<IReadOnlyList<FeedWatch>> PollDueAsync(bool all, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var polled = new List<FeedWatch>();
        foreach (var watch in await store.WatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (all || watch.NextPollAt is null || watch.NextPollAt <= now)
            {
                polled.Add((await PollAsync(watch, cancellationToken).ConfigureAwait(false)).Watch);
            }
        }

        return polled;
    }

    /// <summary>Polls one feed now and returns its new state (also saved, with a log line).</summary>
    public async Task<(FeedWatch Watch, ImportSummary? Summary)> PollAsync(FeedWatch watch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var now = clock.GetUtcNow();
        try
        {
            var result = await http.GetAsync(watch.Url, watch.ETag, watch.LastModified, cancellationToken).ConfigureAwait(false);
            if (result.NotModified)
            {
                var unchanged = watch with { LastPolledAt = now, NextPollAt = now + watch.Every, Failures = 0, LastStatus = "not modified (304)" };
                await store.SaveWatchAsync(unchanged, "not modified", cancellationToken).ConfigureAwait(false);
                return (unchanged, null);
            }

            using var body = new MemoryStream(result.Body);
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(ReadBudget);
            ImportBatch batch;
            GdeltUpdateFile? export = null;
            try
            {
                if (GdeltUpdates.IsUpdateList(watch.Url))
                {
                    export = GdeltUpdates.NewestExport(System.Text.Encoding.UTF8.GetString(result.Body), watch.Url.ToString());
                    var zip = await http.GetAsync(export.Url, null, null, budget.Token).ConfigureAwait(false);
                    batch = GdeltUpdates.ReadExport(zip.Body, export, budget.Token);
                }
                else
                {
                    batch = _feeds.Read(body, watch.Url.ToString(), watch.Url.ToString(), budget.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var seconds = ReadBudget.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
                throw new InputException(
                    export is null
                        ? $"the feed took more than {seconds} seconds to read; Peninsula gave up on it."
                        : $"GDELT's export {export.Name} took more than {seconds} seconds to download and read; Peninsula gave up on it.",
                    watch.Url.ToString());
            }

            var summary = await store.ImportAsync(batch, ImportPolicy.Default, new ChangeOrigin($"watch {watch.Name}", watch.Url.ToString()), cancellationToken: cancellationToken).ConfigureAwait(false);
            // A GDELT export gives articles' addresses, not their words: nothing for detection to read.
            var (detected, read) = export is null ? await DetectAsync(watch, batch, cancellationToken).ConfigureAwait(false) : ("", true);
            var status = (export is null ? "" : $"{export.Name}: ") +
                         (summary.Documents.Added == 1 ? "1 new document" : $"{summary.Documents.Added} new documents") +
                         $", {summary.Documents.Unchanged + summary.Documents.Updated} already stored" +
                         (export is null ? "" : string.Create(CultureInfo.InvariantCulture, $" ({batch.Signals.Count} GDELT events about North Korea)")) +
                         (summary.Rejections.Count > 0 ? $", {summary.Rejections.Count} {(export is null ? "items" : "rows")} refused" : "") +
                         detected;
            var polled = watch with
            {
                // When detection failed, the feed's validators are not kept: the next poll fetches
                // it whole, and the documents detection has not read pass through it again.
                ETag = read ? result.ETag : null,
                LastModified = read ? result.LastModified : null,
                LastPolledAt = now,
                NextPollAt = now + watch.Every,
                Failures = 0,
                LastStatus = status,
            };
            await store.SaveWatchAsync(polled, status, cancellationToken).ConfigureAwait(false);
            return (polled, summary);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Anything a remote site can provoke ends here: the feed is marked failed and backed
            // off, and the caller goes on to the next feed.
            var reason = ex is FetchException or InputException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            var failures = watch.Failures + 1;
            var wait = FeedWatch.Backoff(watch.Every, failures);
            var failed = watch with { LastPolledAt = now, NextPollAt = now + wait, Failures = failures, LastStatus = $"failed: {reason}" };
            await store.SaveWatchAsync(failed, $"failed ({failures} in a row, next try in {FeedWatch.WriteEvery(wait)}): {reason}", cancellationToken).ConfigureAwait(false);
            return (failed, null);
        }
    }

    /// <summary>
    /// Every stored document passes through detection once (issue 17). The documents are stored
    /// whatever detection makes of them: a document detection fails on is named in the status and
    /// not read again, and the others go on; a failure before any document is read (the store
    /// cannot be asked) is said in the status, not counted as a failure of the feed, and leaves
    /// them all unread for the next poll.
    /// </summary>
    private async Task<(string Status, bool Read)> DetectAsync(FeedWatch watch, ImportBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await Detection.Review.DetectNewAsync(store, batch.Documents, $"watch {watch.Name}", AutoAccept, clock, cancellationToken).ConfigureAwait(false);
            return (outcome.Matched.Count + outcome.Queued.Count + outcome.KeptRejected.Count + outcome.Accepted.Count + outcome.Failures.Count == 0 ? "" : "; " + outcome, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ($"; detection failed, its documents will be read again at the next poll: {ex.Message}", false);
        }
    }
}
