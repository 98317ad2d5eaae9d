using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Questions;

/// <summary>
/// Scores on resolved questions, per forecaster: the model, each expert and the experts' aggregate,
/// over the time each forecast stood (as Good Judgment Open and Metaculus score), not on one forecast.
/// <para>
/// Which days count: a forecaster is scored on every day from the day its first forecast on the
/// question counts from to the last day before the answer was known (the day before the resolving
/// event for a yes, the window's last day for a no). On each of those days the forecast standing is
/// its latest that counts by then (<see cref="ExpertAggregate.Latest"/>); a forecast counts from the
/// day it was entered when that is later than the day it gives and no published address dates it
/// (<see cref="QuestionForecast.CountsFrom"/>), so one entered once the answer was known is not
/// scored (<see cref="EnteredTooLate"/>) and does not move the aggregate. The aggregate stands from
/// the first expert forecast, each day the aggregate of the experts' forecasts standing that day.
/// A forecaster's score on a question is the mean of its daily scores, so that a forecast made early
/// and kept counts for longer than one made the day before the answer, and a forecaster cannot
/// improve its score by waiting, or by changing its forecast once the answer looks clear.
/// </para>
/// <para>
/// Brier score: (p - outcome)², 0 best, 0.25 for always 50%. Log score: ln of the probability given to
/// what happened (0 best, -0.69 for always 50%), with probabilities kept within [0.001, 0.999].
/// </para>
/// </summary>
public static class Leaderboard
{
    /// <summary>Each forecaster's score on each resolved question, question by question (the aggregate's first on each).</summary>
    public static IReadOnlyList<QuestionScore> Scored(IEnumerable<Question> questions, IReadOnlyList<QuestionForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(forecasts);
        var byQuestion = forecasts.ToLookup(f => f.QuestionId, StringComparer.Ordinal);
        var scored = new List<QuestionScore>();
        foreach (var q in questions)
        {
            if (q.Resolution is not { } answer)
            {
                continue;
            }

            // In the order they stand from: the last of a forecaster's read by a day is its latest by then (ExpertAggregate.Latest).
            var known = byQuestion[q.Id].Where(q.CountsBeforeAnswer).OrderBy(f => f.CountsFrom).ThenBy(f => f.AsOf).ToList();
            var standing = new Dictionary<string, QuestionForecast>(StringComparer.Ordinal);
            var tally = new Dictionary<string, DailyTally>(StringComparer.Ordinal);
            // The forecasts standing change only on the days a forecast counts from: between two
            // such days every forecaster's standing forecast, and the aggregate, stay as they are.
            for (var i = 0; i < known.Count;)
            {
                var first = known[i].CountsFrom;
                for (; i < known.Count && known[i].CountsFrom == first; i++)
                {
                    standing[known[i].By] = known[i];
                }

                var last = i < known.Count ? known[i].CountsFrom.AddDays(-1) : q.LastDayBeforeAnswer;
                var days = last.DaysSince(first) + 1;
                var aggregate = ExpertAggregate.Of(q.Id, standing.Values, first);
                var aggregateBrier = aggregate is null ? (double?)null : ProperScores.Brier(aggregate.Probability, answer.Outcome);
                if (aggregate is not null)
                {
                    Tally(tally, aggregate, first).Add(days, aggregate.Probability, answer.Outcome, null);
                }

                foreach (var forecast in standing.Values)
                {
                    Tally(tally, forecast, first).Add(days, forecast.Probability, answer.Outcome, aggregateBrier);
                }
            }

            scored.AddRange(tally
                .OrderBy(t => t.Key == QuestionForecast.Aggregate ? 0 : 1)
                .ThenBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => t.Value.Score(q, t.Key, answer.Outcome)));
        }

        return scored;
    }

    private static DailyTally Tally(Dictionary<string, DailyTally> tally, QuestionForecast standing, KoreanDate day)
    {
        if (!tally.TryGetValue(standing.By, out var t))
        {
            tally[standing.By] = t = new DailyTally(day);
        }

        return t;
    }

    /// <summary>One forecaster's daily scores on one question, summed day by day.</summary>
    private sealed class DailyTally(KoreanDate from)
    {
        private int _days;
        private double _brier;
        private double _log;
        private int _shared;
        private double _vsAggregate;

        public void Add(int days, double probability, bool outcome, double? aggregateBrier)
        {
            var brier = ProperScores.Brier(probability, outcome);
            _days += days;
            _brier += days * brier;
            _log += days * ProperScores.Log(probability, outcome, ExpertAggregate.Floor);
            if (aggregateBrier is { } a)
            {
                _shared += days;
                _vsAggregate += days * (brier - a);
            }
        }

        public QuestionScore Score(Question q, string by, bool outcome) =>
            new(q, by, outcome, from, _days, _brier / _days, _log / _days, _shared == 0 ? null : _vsAggregate / _shared, _shared);
    }

    /// <summary>
    /// The experts' forecasts on resolved questions that give a day before the answer was known but
    /// were entered after it (and carry no published address), by question and forecaster: kept and
    /// shown, never scored, since whoever entered them could know the answer.
    /// </summary>
    public static IReadOnlyList<(Question Question, QuestionForecast Forecast)> EnteredTooLate(IEnumerable<Question> questions, IReadOnlyList<QuestionForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(forecasts);
        var byQuestion = forecasts.ToLookup(f => f.QuestionId, StringComparer.Ordinal);
        return [.. questions
            .Where(q => q.Resolution is not null)
            .SelectMany(q => byQuestion[q.Id]
                .Where(f => !f.IsModel && f.AsOf <= q.LastDayBeforeAnswer && !q.CountsBeforeAnswer(f))
                .Select(f => (q, f)))
            .OrderBy(x => x.q.Id, StringComparer.Ordinal)
            .ThenBy(x => x.f.By, StringComparer.Ordinal)
            .ThenBy(x => x.f.AsOf)];
    }

    /// <summary>How the rows are ranked, in one sentence for people.</summary>
    public const string Ranking =
        "Ranked by each forecaster's Brier score minus the experts' aggregate's on the same days of the same questions, averaged over those questions (the aggregate's own cell is blank; below 0 is better than the aggregate), " +
        "since means over different questions do not compare; forecasters that share no day with the aggregate come after, by their own mean Brier score.";

    /// <summary>
    /// The leaderboard: one row per forecaster, its scores the means over its questions of its
    /// scores over the days its forecasts stood (<see cref="Scored"/>). Means over different
    /// questions do not compare (one easy question can put a newcomer first), so each row carries
    /// its Brier score minus the aggregate's on the days both stood, averaged over the questions
    /// where they did (Good Judgment's relative Brier score, against the aggregate rather than the
    /// median), and the rows are ranked by it, lowest first, the aggregate counting 0; rows that share
    /// no day with the aggregate (the model on questions no expert forecast) come after, by their own
    /// mean Brier score (<see cref="Ranking"/>).
    /// </summary>
    public static IReadOnlyList<LeaderboardRow> Rows(IEnumerable<Question> questions, IReadOnlyList<QuestionForecast> forecasts) =>
        [.. Scored(questions, forecasts)
            .GroupBy(s => s.By, StringComparer.Ordinal)
            .Select(g =>
            {
                var shared = g.Where(s => s.BrierVsAggregate is not null).ToList();
                var (low, high, _, _) = Scoring.ClusteredMeanIntervals([.. shared.Select(s => (IReadOnlyList<double>)[s.BrierVsAggregate!.Value])]);
                return new LeaderboardRow(g.Key, g.Count(), g.Count(s => s.Outcome), g.Average(s => s.Brier), g.Average(s => s.LogScore),
                    shared.Count == 0 ? null : shared.Average(s => s.BrierVsAggregate!.Value), shared.Count)
                {
                    VsAggregateInterval = shared.Count < 2 ? null : (low, high),
                    Days = g.Sum(s => s.Days),
                };
            })
            .OrderBy(r => r.By == QuestionForecast.Aggregate || r.BrierVsAggregate is not null ? 0 : 1)
            .ThenBy(r => r.By == QuestionForecast.Aggregate ? 0 : r.BrierVsAggregate ?? 0)
            .ThenBy(r => r.Brier)
            .ThenBy(r => r.By, StringComparer.Ordinal)];
}

/// <summary>One forecaster's score on one resolved question, over the days its forecasts stood (<see cref="Leaderboard"/>).</summary>
/// <param name="Question">The question.</param>
/// <param name="By">The forecaster: <c>model</c>, <c>aggregate</c> or an expert's name.</param>
/// <param name="Outcome">Whether the question resolved yes.</param>
/// <param name="From">The first day scored: the day its first forecast on the question counts from.</param>
/// <param name="Days">The days scored, from <paramref name="From"/> to the last day before the answer was known.</param>
/// <param name="Brier">The mean over those days of the Brier score of the forecast standing on each.</param>
/// <param name="LogScore">The mean over those days of the log score of the forecast standing on each.</param>
/// <param name="BrierVsAggregate">The mean, over the days both stood, of its Brier score minus the aggregate's (below 0: better than the aggregate); null for the aggregate itself and where they share no day.</param>
/// <param name="DaysWithAggregate">How many days that comparison is over.</param>
public sealed record QuestionScore(
    Question Question, string By, bool Outcome, KoreanDate From, int Days, double Brier, double LogScore, double? BrierVsAggregate, int DaysWithAggregate);

/// <summary>One forecaster on the leaderboard.</summary>
/// <param name="By">The forecaster: <c>model</c>, <c>aggregate</c> or an expert's name.</param>
/// <param name="Questions">Resolved questions scored.</param>
/// <param name="Yes">How many of them resolved yes.</param>
/// <param name="Brier">Mean over its questions of its Brier score over the days its forecasts stood (0 best).</param>
/// <param name="LogScore">The same for the log score (0 best, negative).</param>
/// <param name="BrierVsAggregate">Mean over the questions it shares days with the aggregate of its Brier score minus the aggregate's on those days (negative: better than the aggregate); null for the aggregate itself and where they share none.</param>
/// <param name="WithAggregate">How many questions that comparison is over.</param>
public sealed record LeaderboardRow(string By, int Questions, int Yes, double Brier, double LogScore, double? BrierVsAggregate = null, int WithAggregate = 0)
{
    /// <summary>
    /// A 95% interval of <see cref="BrierVsAggregate"/> from resampling the shared questions (2,000
    /// draws, seeded): an interval that reaches both sides of 0 means these questions cannot tell
    /// the forecaster from the aggregate. Null with fewer than two shared questions.
    /// </summary>
    public (double Low, double High)? VsAggregateInterval { get; init; }

    /// <summary>The days scored, summed over its questions: how long its forecasts stood before the answers were known.</summary>
    public int Days { get; init; }
}
