using System.Globalization;
using System.Text;
using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Questions;

/// <summary>
/// A forecasting question about the record: will at least one event of a target (or matching an
/// event filter) happen from <see cref="Opens"/> to <see cref="Closes"/>, both Korean dates (UTC+9),
/// inclusive. It resolves from the record (see <see cref="QuestionResolver"/>).
/// </summary>
/// <param name="Id">A short name of lower-case letters, digits and hyphens, e.g. <c>icbm-2019</c>.</param>
/// <param name="Title">The question in words.</param>
/// <param name="Target">The forecast target it asks about, or null when it asks about a filter.</param>
/// <param name="Filter">The event filter it asks about (as in <c>timing --provocations</c>), or null when it asks about a target.</param>
/// <param name="Opens">The window's first Korean date.</param>
/// <param name="Closes">The window's last Korean date.</param>
/// <param name="Url">Where the question was first asked (a forecasting site), if anywhere.</param>
/// <param name="Resolution">How it resolved, once the record settles it; null while it is open.</param>
public sealed record Question(
    string Id, string Title, ForecastTarget? Target, string? Filter, KoreanDate Opens, KoreanDate Closes, string? Url, QuestionResolution? Resolution)
{
    /// <summary>The longest text a title may have.</summary>
    public const int MaxTitleLength = 300;

    /// <summary>What the question counts, in words: the target's description or the filter.</summary>
    public string Subject => Target is { } t ? t.Description : $"an event matching {Filter}";

    /// <summary>The target's slug, or <c>filter: ...</c>.</summary>
    public string SubjectSlug => Target is { } t ? t.Slug : $"filter: {Filter}";

    /// <summary>
    /// Checks every field and returns the question; a bad one is an <see cref="InputException"/>
    /// naming the field (and the file and line when given).
    /// </summary>
    public Question Validated(string? file = null, long? line = null)
    {
        CheckId(Id, file, line);
        if (string.IsNullOrWhiteSpace(Title))
        {
            throw new InputException("a question needs a title.", file, line, "title");
        }

        if (Title.Length > MaxTitleLength)
        {
            throw new InputException($"the title is {Title.Length} characters long; at most {MaxTitleLength}.", file, line, "title");
        }

        if ((Target is null) == string.IsNullOrWhiteSpace(Filter))
        {
            throw new InputException("a question asks about either a target (e.g. icbm) or an event filter (e.g. \"kind=summit class=us-dprk\"), one of the two.", file, line, Target is null ? "target" : "filter");
        }

        if (Filter is not null && EventFilter.Parse(Filter, "filter") is { } query && (query.Since is not null || query.Until is not null))
        {
            // The window is the question's dates: a since= or until= in the filter silently narrowed or emptied it.
            throw new InputException($"the filter '{Filter}' gives dates (since= or until=); a question's dates are its window: leave them out of the filter and give the window's first and last days.", file, line, "filter");
        }

        if (Closes < Opens)
        {
            throw new InputException($"the window closes ({Closes}) before it opens ({Opens}).", file, line, "closes");
        }

        if (Closes < Peninsula.Forecasting.ForecastData.SeriesStart)
        {
            throw new InputException($"the window closes on {Closes}, before the record begins ({Peninsula.Forecasting.ForecastData.SeriesStart}): the record cannot answer it.", file, line, "closes");
        }

        if (Url is not null && !(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new InputException($"'{Url}' is not an http or https address.", file, line, "url");
        }

        return this;
    }

    /// <summary>
    /// Why a forecaster's forecast as of <paramref name="asOf"/> cannot be taken, or null: no day of
    /// the window is left to forecast, or the record had answered yes by then (the forecast would be
    /// shown as the forecaster's latest and move the aggregate, though the leaderboard never scores it).
    /// </summary>
    public string? WhyNoForecastAsOf(KoreanDate asOf) =>
        asOf >= Closes ? $"the window of '{Id}' closes on {Closes}: a forecast as of {asOf} leaves no day of it to forecast."
        : Resolution is { Outcome: true } yes && asOf >= yes.On
            ? $"'{Id}' resolved yes on {yes.On} ({yes.EventId}): a forecast as of {asOf} comes after the answer was known and would not be scored; give the Korean date the forecast was made, before {yes.On}."
            : null;

    /// <summary>The words the questions' web addresses use after /api/questions/, which no question may take as its id.</summary>
    public static IReadOnlySet<string> ReservedIds { get; } = new HashSet<string>(["leaderboard", "published", "export", "import", "update"], StringComparer.Ordinal);

    /// <summary>
    /// The last day on which a forecast on this question still counts as made before the answer was
    /// known: the day before the event that resolved it yes, else <paramref name="today"/>. The
    /// experts' aggregate shown for a question is the one as of that day.
    /// </summary>
    public KoreanDate AnswerNotYetKnown(KoreanDate today) =>
        Resolution is { Outcome: true } yes && yes.On <= today ? yes.On.AddDays(-1) : today;

    /// <summary>The last day a forecast counts as made before the answer was known: the day before the resolving event for a yes, the window's last day otherwise.</summary>
    public KoreanDate LastDayBeforeAnswer => AnswerNotYetKnown(Closes);

    /// <summary>The first Korean day the answer of a resolved question was known: the resolving event's day for a yes, the day after the window for a no.</summary>
    public KoreanDate AnswerKnownOn => LastDayBeforeAnswer.AddDays(1);

    /// <summary>Whether <paramref name="forecast"/> counts as made before the answer was known (from <see cref="QuestionForecast.CountsFrom"/>), so that it can be scored.</summary>
    public bool CountsBeforeAnswer(QuestionForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return forecast.CountsFrom <= LastDayBeforeAnswer;
    }

    /// <summary>
    /// Why <paramref name="stored"/>, a forecast on this question, must stay as it is, or null when
    /// it may be replaced or withdrawn: once the question is resolved, a forecast that counts from
    /// before the answer was known is scored, and changing or removing it would rewrite a score
    /// with the answer in hand.
    /// </summary>
    public string? WhyScoredStays(QuestionForecast stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Resolution is { } answer && !stored.IsModel && CountsBeforeAnswer(stored)
            ? $"{stored.By}'s forecast of {Forecasting.Forecaster.Pct(stored.Probability)} as of {stored.AsOf} on '{Id}' is scored: the question resolved " +
              $"{(answer.Outcome ? $"yes on {answer.On}" : "no")}, and it counts from before the answer was known. A scored forecast stays as it is, so that a score cannot be changed or erased once the answer is known."
            : null;
    }

    /// <summary>Refuses an id that is not 1 to 80 lower-case letters, digits and hyphens, or one of <see cref="ReservedIds"/>.</summary>
    public static string CheckId(string? id, string? file = null, long? line = null, string field = "id")
    {
        if (string.IsNullOrEmpty(id) || id.Length > 80 || !id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || id[0] == '-')
        {
            throw new InputException($"'{id}' is not a question id: use 1 to 80 lower-case letters, digits and hyphens, e.g. icbm-2019.", file, line, field);
        }

        if (ReservedIds.Contains(id))
        {
            throw new InputException($"'{id}' names a list of the questions in their web addresses (/api/questions/{id}); give the question another id.", file, line, field);
        }

        return id;
    }

    /// <summary>
    /// An id made from a title: its words in lower case joined by hyphens, at most 60 characters,
    /// written in Latin letters first (AnyAscii: Hangul by the Revised Romanization, Chinese
    /// characters in Pinyin, accents dropped), so that a Korean title gives "bughaneun-2027nyeon-..."
    /// rather than the digits and Latin words it holds alone.
    /// </summary>
    public static string IdFrom(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var id = new StringBuilder();
        foreach (var c in AnyAscii.Transliteration.Transliterate(title).ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                id.Append(c);
            }
            else if (id.Length > 0 && id[^1] != '-')
            {
                id.Append('-');
            }
        }

        var text = id.ToString().Trim('-');
        text = text.Length > 60 ? text[..60].TrimEnd('-') : text;
        return text.Length == 0 ? "question" : text;
    }
}

/// <summary>How a question resolved.</summary>
/// <param name="Outcome">True: an event came in the window; false: the window passed without one.</param>
/// <param name="On">The Korean date it was settled: the resolving event's date, or the window's last day.</param>
/// <param name="EventId">The first event in the window that matches, for a yes.</param>
public sealed record QuestionResolution(bool Outcome, KoreanDate On, string? EventId)
{
    /// <summary>yes or no.</summary>
    public string Word => Outcome ? "yes" : "no";
}

/// <summary>
/// One forecast on a question: the probability that it resolves yes, as of the end of a Korean date.
/// </summary>
/// <param name="QuestionId">The question.</param>
/// <param name="By">Who made it: <see cref="Model"/> for Peninsula's model, else a forecaster's or a crowd's name.</param>
/// <param name="AsOf">The Korean date it was made as of.</param>
/// <param name="Probability">0 to 1.</param>
/// <param name="Url">Where it was published, if anywhere (a crowd's forecast).</param>
public sealed record QuestionForecast(string QuestionId, string By, KoreanDate AsOf, double Probability, string? Url = null)
{
    /// <summary>The name Peninsula's model forecasts under.</summary>
    public const string Model = "model";

    /// <summary>The name the experts' aggregate is shown under (it is computed, never stored).</summary>
    public const string Aggregate = "aggregate";

    /// <summary>Whether it is one of the model's.</summary>
    public bool IsModel => By == Model;

    /// <summary>
    /// When it was entered (UTC): the store stamps a forecast with its clock when it first takes
    /// that probability, or keeps the time an exported file says the forecast was entered where it
    /// came from. Null for one stored before entry times were kept. It does not take part in
    /// equality: the same forecast entered twice is the same forecast.
    /// </summary>
    public DateTimeOffset? Entered { get; init; }

    /// <summary>
    /// When it was withdrawn (UTC), for a forecast read from a file another store exported with its
    /// withdrawals: importing the file withdraws the same forecast here, if it is held and not scored.
    /// Null for a forecast that stands; the store's own withdrawn forecasts are read only for export
    /// (<see cref="IQuestionStore.WithdrawnForecastsAsync"/>). It does not take part in equality.
    /// </summary>
    public DateTimeOffset? Withdrawn { get; init; }

    /// <summary>
    /// The Korean date from which the forecast counts: <see cref="AsOf"/>, or the day it was
    /// entered when that came later and nothing else dates it. A forecast entered on 7 December
    /// "as of" 20 December of the year before may know everything that happened in between, so it
    /// is scored as made on the day it was entered. A published forecast (<see cref="Url"/>) is dated
    /// by its publication, the model's by the record it was made on (it knows nothing later), and one
    /// whose entry time is unknown by its date.
    /// </summary>
    public KoreanDate CountsFrom =>
        IsModel || Url is not null || Entered is not { } entered || KoreanDate.FromInstant(entered) <= AsOf ? AsOf : KoreanDate.FromInstant(entered);

    /// <summary>Whether it was entered after the day it gives (see <see cref="CountsFrom"/>).</summary>
    public bool EnteredLater => CountsFrom != AsOf;

    /// <inheritdoc/>
    public bool Equals(QuestionForecast? other) =>
        other is not null && QuestionId == other.QuestionId && By == other.By && AsOf == other.AsOf && Probability.Equals(other.Probability) && Url == other.Url;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(QuestionId, By, AsOf, Probability, Url);

    /// <summary>Checks the fields; a bad one is an <see cref="InputException"/> naming it.</summary>
    public QuestionForecast Validated(string? file = null, long? line = null)
    {
        Question.CheckId(QuestionId, file, line, "question");
        CheckName(By, file, line);
        if (double.IsNaN(Probability) || Probability is < 0 or > 1)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{Probability} is not a probability: give a number from 0 to 1 (0.25 for 25%)."), file, line, "probability");
        }

        if (Url is not null && !(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new InputException($"'{Url}' is not an http or https address.", file, line, "url");
        }

        return this;
    }

    /// <summary>Refuses a forecast dated after <paramref name="today"/> (a Korean date): a forecast is entered on or after the day it was made.</summary>
    public static KoreanDate CheckMadeBy(KoreanDate asOf, KoreanDate today, string field = "as_of") =>
        WhyNotMadeBy(asOf, today) is { } why ? throw new InputException(why, field: field) : asOf;

    /// <summary>Why a forecast dated <paramref name="asOf"/> cannot have been made by <paramref name="today"/>, or null.</summary>
    public static string? WhyNotMadeBy(KoreanDate asOf, KoreanDate today) =>
        asOf <= today ? null : $"{asOf} is in the future: today is {today} in Korea. Give the Korean date the forecast was made.";

    /// <summary>
    /// Refuses an empty, over-long or reserved forecaster name; returns it trimmed and in Unicode's
    /// composed form (NFC), so that "élise" typed on two keyboards is one forecaster, not two rows
    /// that look the same.
    /// </summary>
    public static string CheckName(string? name, string? file = null, long? line = null, string field = "by")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InputException("give the forecaster's name: 1 to 80 characters.", file, line, field);
        }

        if (name.Any(char.IsControl))
        {
            throw new InputException($"'{name}' is not a forecaster's name: it holds a control character (a tab or a line break); give the name on one line.", file, line, field);
        }

        name = name.Normalize(NormalizationForm.FormC);
        if (name.Trim().Length > 80)
        {
            throw new InputException($"'{name}' is not a forecaster's name: give 1 to 80 characters.", file, line, field);
        }

        if (string.Equals(name.Trim(), Aggregate, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException($"'{Aggregate}' is the name of the experts' aggregate, which is computed: give the forecaster's own name.", file, line, field);
        }

        return name.Trim();
    }

    /// <summary>
    /// Refuses <paramref name="name"/> when it differs only in letter case from a forecaster already
    /// known (<paramref name="known"/>): "kim analyst" beside "Kim Analyst" would be a second row on
    /// the leaderboard for one person.
    /// </summary>
    public static void CheckSpelledAsKnown(string name, IEnumerable<string> known, string? file = null, long? line = null, string field = "by")
    {
        ArgumentNullException.ThrowIfNull(known);
        var names = known.ToList();
        // A name already entered as it is stays usable, even where an older store holds two spellings.
        if (!names.Contains(name, StringComparer.Ordinal) && names.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            throw new InputException($"'{name}' differs only in letter case from the forecaster '{other}' already entered: give the name as it was entered, so that one person has one row.", file, line, field);
        }
    }

    /// <summary>
    /// A probability read from text: a number from 0 to 1 (0.25) or a percentage with its sign (25%).
    /// A bare number above 1 is refused rather than guessed at: 1.2 could be 1.2% or a slip for 0.12,
    /// and reading it as 1.2% recorded a forecaster's typo without a word.
    /// </summary>
    public static double ParseProbability(string? text, string? file = null, long? line = null, string field = "probability")
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0)
        {
            throw new InputException("give the probability: a number from 0 to 1 (0.25) or a percentage (25%).", file, line, field);
        }

        var percent = t.EndsWith('%');
        if (!double.TryParse(percent ? t[..^1] : t, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || double.IsNaN(p))
        {
            throw new InputException($"'{text}' is not a probability: give a number from 0 to 1 (0.25) or a percentage (25%).", file, line, field);
        }

        if (!percent && p > 1 && p <= 100)
        {
            throw new InputException($"'{text}' is not a probability: a number without % must lie between 0 and 1; for a percentage write {t}%.", file, line, field);
        }

        p = percent ? p / 100 : p;
        return p is < 0 or > 1
            ? throw new InputException($"'{text}' is not a probability: it must lie between 0 and 1 (0% and 100%).", file, line, field)
            : p;
    }
}
