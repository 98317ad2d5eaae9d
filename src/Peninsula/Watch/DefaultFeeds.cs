using Peninsula.Import;
using Peninsula.Record;

namespace Peninsula.Watch;

/// <summary>
/// A public source about North Korea that <c>peninsula watch add --defaults</c> turns on
/// (<c>data/feeds.csv</c>). How it is read follows from the source itself, as for any watch: GDELT's
/// update list by its address (<see cref="GdeltUpdates.IsUpdateList"/>), every other as the RSS or
/// Atom feed it turns out to be.
/// </summary>
/// <param name="Name">The watch's name.</param>
/// <param name="Url">The feed's address.</param>
/// <param name="Publisher">Who publishes it.</param>
/// <param name="Covers">What it covers, in words.</param>
/// <param name="Every">How often to poll it.</param>
/// <param name="Checked">How its address was checked to exist: the public page that lists it.</param>
public sealed record DefaultFeed(string Name, Uri Url, string Publisher, string Covers, TimeSpan Every, string Checked)
{
    /// <summary>The watch that polls it.</summary>
    public FeedWatch ToWatch() => new() { Name = Name, Url = Url, Every = Every };
}

/// <summary>The bundled list of public sources about North Korea (<c>data/feeds.csv</c>).</summary>
public static class DefaultFeeds
{
    /// <summary>The bundled file's name.</summary>
    public const string File = "data/feeds.csv";

    private static readonly IReadOnlyList<string> Columns = ["name", "url", "publisher", "covers", "every", "checked"];

    private static readonly Lazy<IReadOnlyList<DefaultFeed>> Bundled = new(() => BundledRecord.Read(File, Read));

    /// <summary>Every bundled source, in the file's order.</summary>
    public static IReadOnlyList<DefaultFeed> All => Bundled.Value;

    /// <summary>
    /// Reads a list of sources; a bad row throws an <see cref="InputException"/> naming its line
    /// and field (the list ships with Peninsula, so a bad row is a bug to fix, not to skip).
    /// </summary>
    internal static IReadOnlyList<DefaultFeed> Read(TextReader text, string file)
    {
        var feeds = new List<DefaultFeed>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var urls = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in CsvTable.Read(text, file, Columns).Records)
        {
            var name = r.Required("name");
            var url = new Uri(ProvocationRow.CheckedUrl(r, "url") ?? throw r.Error("url", "the value is empty."));
            TimeSpan every;
            try
            {
                every = FeedWatch.ParseEvery(r.Required("every"), "every");
            }
            catch (InputException ex)
            {
                throw r.Error("every", ex.Reason);
            }

            if (!names.Add(name))
            {
                throw r.Error("name", $"'{name}' is listed twice.");
            }

            if (!urls.Add(url.ToString()))
            {
                throw r.Error("url", $"'{url}' is listed twice.");
            }

            feeds.Add(new DefaultFeed(name, url, r.Required("publisher"), r.Required("covers"), every, r.Required("checked")));
        }

        return feeds;
    }
}
