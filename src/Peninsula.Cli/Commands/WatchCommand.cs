using System.CommandLine;
using System.Globalization;
using Peninsula.Watch;
using Spectre.Console;

namespace Peninsula.Cli.Commands;

/// <summary><c>peninsula watch add|list|remove|run|log</c>: keep the documents current from feeds.</summary>
internal static class WatchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("watch", "Watch RSS and Atom feeds and GDELT's updates: new items are stored as documents ('peninsula docs search').");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Remove(context));
        command.Subcommands.Add(Run(context));
        command.Subcommands.Add(Log(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var url = new Argument<string?>("url") { Description = "The feed's address (http or https).", Arity = ArgumentArity.ZeroOrOne };
        var name = new Option<string?>("--name") { Description = "A name for it. Default: the address's host." };
        var every = new Option<string>("--every") { Description = "How often to poll: 15m, 2h, 1d.", DefaultValueFactory = _ => "15m" };
        var defaults = new Option<bool>("--defaults") { Description = $"Watch the public sources about North Korea that Peninsula lists ({DefaultFeeds.File}, GDELT included)." };
        var gdelt = new Option<bool>("--gdelt") { Description = "Watch GDELT's fifteen-minute update: the articles about North Korea in each new events export." };
        var command = new Command("add", "Watch a feed, the bundled list of sources (--defaults) or GDELT's updates (--gdelt).") { url, name, every, defaults, gdelt };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var given = parse.GetValue(url);
            if ((given is not null ? 1 : 0) + (parse.GetValue(defaults) ? 1 : 0) + (parse.GetValue(gdelt) ? 1 : 0) != 1)
            {
                throw new InputException("give one of: a feed's address, --defaults or --gdelt.", field: "url");
            }

            if (given is null)
            {
                var wanted = parse.GetValue(defaults)
                    ? DefaultFeeds.All.Select(f => f.ToWatch()).ToList()
                    : [new FeedWatch { Name = parse.GetValue(name) ?? GdeltUpdates.WatchName, Url = GdeltUpdates.UpdateList, Every = GdeltUpdates.Every }];
                await AddAllAsync(context, store, wanted, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var address = FeedWatch.ParseUrl(given);
            var watch = new FeedWatch
            {
                Name = parse.GetValue(name) ?? address.Host,
                Url = address,
                Every = FeedWatch.ParseEvery(parse.GetValue(every)!),
            };
            await store.AddWatchAsync(watch, cancellationToken).ConfigureAwait(false);
            context.Out.MarkupLine($"Watching [bold]{Markup.Escape(watch.Name)}[/] ({Markup.Escape(address.ToString())}) every {FeedWatch.WriteEvery(watch.Every)}. 'peninsula watch run' polls it.");
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>Adds each watch not yet there (same name or address) and says which were added and which were already watched.</summary>
    private static async Task AddAllAsync(CliContext context, Storage.IEventStore store, IReadOnlyList<FeedWatch> wanted, CancellationToken cancellationToken)
    {
        var existing = await store.WatchesAsync(cancellationToken).ConfigureAwait(false);
        var added = new List<FeedWatch>();
        var already = new List<(FeedWatch Wanted, FeedWatch Existing)>();
        foreach (var watch in wanted)
        {
            var there = existing.FirstOrDefault(w => w.Url == watch.Url) ?? existing.FirstOrDefault(w => string.Equals(w.Name, watch.Name, StringComparison.OrdinalIgnoreCase));
            if (there is not null)
            {
                already.Add((watch, there));
                continue;
            }

            await store.AddWatchAsync(watch, cancellationToken).ConfigureAwait(false);
            added.Add(watch);
        }

        context.Out.MarkupLine(added.Count == 0 ? "Added no feed." : $"Added {added.Count} {(added.Count == 1 ? "feed" : "feeds")}:");
        foreach (var w in added)
        {
            context.Out.MarkupLine($"  [bold]{Markup.Escape(w.Name)}[/] {Markup.Escape(w.Url.ToString())}, every {FeedWatch.WriteEvery(w.Every)}");
        }

        if (already.Count > 0)
        {
            context.Out.MarkupLine($"Already watched, left as they were: {already.Count}:");
            foreach (var (w, there) in already)
            {
                var how = there.Url == w.Url ? $"as [bold]{Markup.Escape(there.Name)}[/]" : $"the name is taken by {Markup.Escape(there.Url.ToString())}";
                context.Out.MarkupLine($"  {Markup.Escape(w.Name)} {Markup.Escape(w.Url.ToString())} ({how})");
            }
        }

        context.Out.MarkupLine("'peninsula watch run' polls them; 'peninsula watch list' shows them.");
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "The watched feeds and how their last poll went.");
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var watches = await store.WatchesAsync(cancellationToken).ConfigureAwait(false);
            if (watches.Count == 0)
            {
                context.Out.MarkupLine("No feeds are watched. 'peninsula watch add --defaults' adds the public sources Peninsula lists; 'peninsula watch add URL' adds one.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("Name", "Address", "Every", "Last poll (UTC)", "Next (UTC)", "Last result");
            foreach (var w in watches)
            {
                table.AddRow(
                    Markup.Escape(w.Name), Markup.Escape(w.Url.ToString()), FeedWatch.WriteEvery(w.Every), Time(w.LastPolledAt) ?? "never", Time(w.NextPollAt) ?? "now",
                    Markup.Escape(w.LastStatus ?? ""));
            }

            context.Out.Write(table);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The watched feed's name." };
        var command = new Command("remove", "Stop watching a feed (its documents stay).") { name };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            var n = parse.GetValue(name)!;
            if (!await store.RemoveWatchAsync(n, cancellationToken).ConfigureAwait(false))
            {
                throw new InputException($"no feed is watched under the name '{n}'; 'peninsula watch list' shows the names.", field: "name");
            }

            context.Out.MarkupLine($"Stopped watching {Markup.Escape(n)}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Run(CliContext context)
    {
        var once = new Option<bool>("--once") { Description = "Poll every watched feed once, now, and stop." };
        var allowPrivate = new Option<bool>("--allow-private")
        {
            Description = "Allow feeds on loopback, private, link-local and metadata addresses (refused by default).",
        };
        var autoAccept = new Option<int?>("--auto-accept")
        {
            Description = "Add a detected event to the record without review when at least this many independent publishers report it (off by default: every new event waits in 'peninsula review list').",
        };
        var command = new Command("run", "Poll the watched feeds when they are due, until stopped (Ctrl+C), or once with --once. Every new document passes through detection: a report of a known event adds a source to it, a new event waits for review.") { once, allowPrivate, autoAccept };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            using var http = new SafeHttp(parse.GetValue(allowPrivate) ? AddressPolicy.AllowPrivate : AddressPolicy.PublicOnly);
            var accept = parse.GetValue(autoAccept);
            if (accept is < 1)
            {
                throw new InputException("--auto-accept counts publishers: give 1 or more, or leave it out to review every new event.", field: "--auto-accept");
            }

            var watcher = new FeedWatcher(store, http, context.Clock) { AutoAccept = accept };
            var onlyOnce = parse.GetValue(once);
            var failed = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var watches = await store.WatchesAsync(cancellationToken).ConfigureAwait(false);
                if (watches.Count == 0)
                {
                    context.Out.MarkupLine("No feeds are watched. 'peninsula watch add --defaults' adds the public sources Peninsula lists; 'peninsula watch add URL' adds one.");
                    return 0;
                }

                var now = context.Clock.GetUtcNow();
                foreach (var polled in await watcher.PollDueAsync(onlyOnce, cancellationToken).ConfigureAwait(false))
                {
                    var ok = polled.Failures == 0;
                    failed += ok ? 0 : 1;
                    context.Out.MarkupLine($"{Time(polled.LastPolledAt)} [bold]{Markup.Escape(polled.Name)}[/]: {(ok ? "" : "[red]")}{Markup.Escape(polled.LastStatus ?? "")}{(ok ? "" : "[/]")}");
                }

                if (onlyOnce)
                {
                    return failed > 0 ? 1 : 0;
                }

                var next = (await store.WatchesAsync(cancellationToken).ConfigureAwait(false)).Min(w => w.NextPollAt) ?? now;
                var wait = next - context.Clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, context.Clock, cancellationToken).ConfigureAwait(false);
                }
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Log(CliContext context)
    {
        var limit = new Option<int>("--limit", "-n") { Description = "How many lines, newest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("log", "What the watcher did: polls, new items, failures and back-offs.") { limit };
        command.SetAction((parse, cancellationToken) => PeninsulaCommand.WithStoreAsync(context, parse, async store =>
        {
            foreach (var line in await store.WatchLogAsync(parse.GetValue(limit), cancellationToken).ConfigureAwait(false))
            {
                context.Out.MarkupLine($"{Time(line.At)} [bold]{Markup.Escape(line.Name)}[/]: {Markup.Escape(line.Message)}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static string? Time(DateTimeOffset? instant) => instant?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
