using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Peninsula.Events;
using Peninsula.Import;

namespace Peninsula.Record;

/// <summary>
/// The record that ships with Peninsula, built from the CSV files under <c>data/</c> (embedded in
/// the library): the two reference tables, the label map, the weapon-system gazetteer and the
/// context calendars.
/// </summary>
public static class BundledRecord
{
    /// <summary>The last Korean date the bundled record covers. Later events come in through imports.</summary>
    public static readonly KoreanDate CoverageEnd = new(2025, 6, 30);

    private const string Prefix = "data/";
    private static readonly Lazy<MergedRecord> Built = new(Build);

    // Hashing the files is cheap; parsing and merging them is not. Every command asks for the
    // fingerprint, only a store that is behind asks for the events.
    private static readonly Lazy<string> Hashed = new(ComputeFingerprint);

    private static readonly Lazy<WeaponSystemCatalog> LazySystems = new(() => Read("data/gazetteer/weapon-systems.csv", WeaponSystemCatalog.Read));

    private static readonly Lazy<LaunchSites> LazySites = new(() => Read("data/gazetteer/sites.csv", LaunchSites.Read));

    private static readonly Lazy<Venues> LazyVenues = new(() => Read("data/gazetteer/venues.csv", Venues.Read));

    private static readonly Lazy<IReadOnlyList<Correction>> LazyCorrections = new(() => Read("data/corrections.csv", Correction.Read));

    private static readonly Lazy<ProvocationLabels> LazyLabels = new(() => Read("data/taxonomy/provocation-labels.csv", ProvocationLabels.Read));

    /// <summary>Every event of the bundled record, ordered by date.</summary>
    public static IReadOnlyList<Event> Events => Built.Value.Events;

    /// <summary>
    /// Where the bundled sources disagree on a field of an event (or one says unknown), the value
    /// kept and the rule that kept it, corrections included: what <c>peninsula db conflicts</c> lists
    /// for the bundled record.
    /// </summary>
    public static IReadOnlyList<Conflict> Disagreements => Built.Value.Disagreements;

    /// <summary>A SHA-256 over the bundled data files and the merge rules: it changes exactly when the record does.</summary>
    public static string Fingerprint => Hashed.Value;

    /// <summary>The names of the bundled data files, e.g. <c>data/reference/missile-tests.csv</c>.</summary>
    public static IReadOnlyList<string> Files { get; } =
        [.. typeof(BundledRecord).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The last Korean date a store's record covers: the bundled record's end, or the latest North
    /// Korean action if one was imported later. Timing, forecasts and the fact-check all stop here.
    /// </summary>
    public static KoreanDate CoverageEndOf(IEnumerable<Event> events) => CoverageEndOf(events, CoverageEnd);

    /// <summary>
    /// The last Korean date a record covers when it is known complete to <paramref name="completeTo"/>:
    /// that day, or the latest North Korean action in <paramref name="events"/> if it is later.
    /// </summary>
    public static KoreanDate CoverageEndOf(IEnumerable<Event> events, KoreanDate completeTo)
    {
        ArgumentNullException.ThrowIfNull(events);
        var last = completeTo;
        foreach (var e in events)
        {
            if (Taxonomy.ProvocationKinds.Contains(e.Kind) && e.Date > last)
            {
                last = e.Date;
            }
        }

        return last;
    }

    /// <summary>The bundled weapon-system gazetteer, read once for the record, the importers and the fact-check.</summary>
    internal static WeaponSystemCatalog Systems => LazySystems.Value;

    /// <summary>The bundled gazetteer of launch sites, read once for the record and the importers.</summary>
    internal static LaunchSites Sites => LazySites.Value;

    /// <summary>The bundled gazetteer of the places the context calendars name, read once.</summary>
    internal static Venues Venues => LazyVenues.Value;

    /// <summary>The bundled corrections (<c>data/corrections.csv</c>), read once.</summary>
    internal static IReadOnlyList<Correction> Corrections => LazyCorrections.Value;

    /// <summary>The bundled mapping of the provocation table's labels, read once.</summary>
    internal static ProvocationLabels Labels => LazyLabels.Value;

    /// <summary>Opens one bundled data file by name.</summary>
    internal static TextReader Open(string name) =>
        new StreamReader(typeof(BundledRecord).Assembly.GetManifestResourceStream(name)
                         ?? throw new InvalidOperationException($"The bundled data file {name} is missing from the build."));

    private static MergedRecord Build()
    {
        // The record is data: whatever the culture of the thread that first asks for it, its
        // texts are written the same way (a test or a host may run under de-DE).
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return BuildInvariant();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static MergedRecord BuildInvariant()
    {
        const string calendars = "data/context/";

        var missiles = Read("data/reference/missile-tests.csv", MissileTestRow.Read);
        var provocations = Read("data/reference/provocations.csv", ProvocationRow.Read);
        var nuclearTests = Read(calendars + "nuclear-tests.csv", ContextCalendar.ReadNuclearTests);
        var context = new List<Event>();
        context.AddRange(Read(calendars + "anniversaries.csv", (t, f) => ContextCalendar.ReadAnniversaries(t, f, CoverageEnd.Year))
            .Where(e => e.Date <= CoverageEnd));
        foreach (var name in Files.Where(f => f.StartsWith(calendars, StringComparison.Ordinal)))
        {
            if (name is not (calendars + "nuclear-tests.csv") and not (calendars + "anniversaries.csv"))
            {
                context.AddRange(Read(name, (text, file) => ContextCalendar.Read(text, file, Venues)));
            }
        }

        var merged = RecordMerger.Merge(missiles, provocations, Labels, Systems, Sites, nuclearTests, context, Corrections);
        // The bundled record maps every launch site: a new spelling in the table needs its alias.
        return merged.UnknownSites.Count > 0 ? throw merged.UnknownSites[0] : merged;
    }

    /// <summary>Reads one bundled data file with the given reader.</summary>
    internal static T Read<T>(string name, Func<TextReader, string, T> read)
    {
        using var text = Open(name);
        return read(text, name);
    }

    private static string ComputeFingerprint()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The merge rules are part of what the record is: bump this when they change.
        sha.AppendData("merge-rules-4"u8);
        var assembly = Assembly.GetExecutingAssembly();
        // The published forecasts on past questions (data/questions/) and the plans announced in
        // public (data/plans/) are not part of the record: a new row there must not make every
        // store update its record.
        foreach (var name in Files.Where(f => !f.StartsWith("data/questions/", StringComparison.Ordinal) && !f.StartsWith("data/plans/", StringComparison.Ordinal)))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            sha.AppendData(buffer.ToArray());
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
