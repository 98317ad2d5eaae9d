using Peninsula.Import;
using Peninsula.Record;

namespace Peninsula.Questions;

/// <summary>
/// Real forecasts published with a date on past questions about North Korea (a platform's crowd, or
/// a statistical signal), each with its source address, and who each forecaster is. The library
/// ships them in <c>data/questions/</c> (<see cref="Bundled"/>); see that folder's README for where
/// every row comes from. <see cref="PublishedComparison"/> scores the model against them.
/// </summary>
/// <param name="Contents">The questions and the published forecasts on them, as <c>questions import</c> reads them.</param>
/// <param name="Forecasters">Each forecaster of <paramref name="Contents"/>, by name.</param>
public sealed record PublishedForecasts(QuestionFiles.Contents Contents, IReadOnlyDictionary<string, PublishedForecaster> Forecasters)
{
    /// <summary>The bundled questions file: one row per published forecast, in the format of <c>questions import</c>.</summary>
    public const string QuestionsFile = "data/questions/resolved-crowd.csv";

    /// <summary>The bundled list of forecasters (columns <c>by</c>, <c>kind</c>, <c>what</c>).</summary>
    public const string ForecastersFile = "data/questions/forecasters.csv";

    private static readonly Lazy<PublishedForecasts> LazyBundled = new(() =>
    {
        var contents = BundledRecord.Read(QuestionsFile, QuestionFiles.ReadCsv);
        return new PublishedForecasts(contents, BundledRecord.Read(ForecastersFile, (text, file) => PublishedForecaster.Read(text, file, contents)));
    });

    /// <summary>The published forecasts bundled with the library (<c>data/questions/</c>), read once.</summary>
    public static PublishedForecasts Bundled => LazyBundled.Value;

    /// <summary>
    /// Reads a questions file (CSV or JSON, as <c>questions import</c> reads it) and the
    /// <c>forecasters.csv</c> beside it; a forecaster missing there is an <see cref="InputException"/>.
    /// </summary>
    public static PublishedForecasts Read(string questionsFile)
    {
        ArgumentNullException.ThrowIfNull(questionsFile);
        var contents = QuestionFiles.Read(questionsFile);
        var forecasters = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(questionsFile))!, Path.GetFileName(ForecastersFile));
        if (!File.Exists(forecasters))
        {
            throw new InputException(
                $"there is no {Path.GetFileName(ForecastersFile)} beside the questions file; it says which forecaster is a crowd and which a signal (columns by, kind, what).", forecasters);
        }

        using var text = File.OpenText(forecasters);
        return new PublishedForecasts(contents, PublishedForecaster.Read(text, forecasters, contents));
    }

    /// <summary>The kind of the forecaster named <paramref name="by"/>: <see cref="PublishedForecaster.Crowd"/> or <see cref="PublishedForecaster.Signal"/>.</summary>
    public string KindOf(string by) => Forecasters[by].Kind;
}

/// <summary>
/// One forecaster of the published forecasts: a <see cref="Crowd"/> (people's forecasts pooled, or a
/// market's price) or a <see cref="Signal"/> (a statistical reading with no forecaster behind it).
/// Issue 20's goal is about the crowds, so the comparison scores them apart.
/// </summary>
/// <param name="By">The name the questions file uses.</param>
/// <param name="Kind"><see cref="Crowd"/> or <see cref="Signal"/>.</param>
/// <param name="What">What its probability is, in a sentence.</param>
public sealed record PublishedForecaster(string By, string Kind, string What)
{
    /// <summary>People's forecasts pooled, or a market's price.</summary>
    public const string Crowd = "crowd";

    /// <summary>A statistical reading with no forecaster behind it.</summary>
    public const string Signal = "signal";

    /// <summary>The kinds, crowds first.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Crowd, Signal];

    /// <summary>The heading of a kind's totals.</summary>
    public static string Heading(string kind) => kind == Crowd
        ? "Crowds only (people's forecasts pooled, or a market's price; the model aims to be no worse than these)"
        : "Statistical signals (not crowds)";

    /// <summary>
    /// Reads the forecasters (columns <c>by</c>, <c>kind</c>, <c>what</c>); an unknown kind, a name
    /// listed twice, or a forecaster of <paramref name="contents"/> not listed is an <see cref="InputException"/> naming file, line and field.
    /// </summary>
    internal static IReadOnlyDictionary<string, PublishedForecaster> Read(TextReader text, string file, QuestionFiles.Contents contents)
    {
        var forecasters = new Dictionary<string, PublishedForecaster>(StringComparer.Ordinal);
        foreach (var r in CsvTable.Read(text, file, ["by", "kind", "what"]).Records)
        {
            var kind = r.Required("kind");
            if (!Kinds.Contains(kind))
            {
                throw r.Error("kind", $"'{kind}' is not a kind of forecaster: use {string.Join(" or ", Kinds)}.");
            }

            var by = r.Required("by");
            if (!forecasters.TryAdd(by, new PublishedForecaster(by, kind, r.Required("what"))))
            {
                throw r.Error("by", $"'{by}' is listed twice.");
            }
        }

        foreach (var by in contents.Forecasts.Select(f => f.By).Distinct(StringComparer.Ordinal))
        {
            if (!forecasters.ContainsKey(by))
            {
                throw new InputException($"the forecaster '{by}' of the questions file is not listed; add a row saying whether it is a crowd or a signal.", file, field: "by");
            }
        }

        return forecasters;
    }
}
