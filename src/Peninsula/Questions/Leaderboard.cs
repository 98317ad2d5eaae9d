using Peninsula.Events;
using Peninsula.Forecasting;

namespace Peninsula.Questions;

/// <summary>
/// Scores on resolved questions, per forecaster: the model, each expert and the experts' aggregate.
/// <para>
/// Which forecast counts: each expert's latest made before the outcome was known (before the day of
/// the resolving event for a yes, by the window's last day for a no), a forecast counting from the
/// day it was entered when that is later than the day it gives and no published address dates it
/// (<see cref="QuestionForecast.CountsFrom"/>): one entered once the answer was known is not scored
/// (<see cref="EnteredTooLate"/>) and does not move the aggregate. The aggregate is scored as of
/// the day of the latest of those expert forecasts, and so is the model when experts forecast the
/// question (its forecast on or before that day), so that the model and the experts are scored on
/// what was known on the same day; on a question no expert forecast, the model's latest forecast
/// before the outcome was known counts.
/// </para>
/// <para>
/// Brier score: (p - outcome)², 0 best, 0.25 for always 50%. Log score: ln of the probability given to
/// what happened (0 best, -0.69 for always 50%), with probabilities kept within [0.001, 0.999].
/// </para>
/// </summary>
public static class Leaderboard
{
    /// <summary>The scored forecasts of every resolved question, question by question.</summary>
    public static IReadOnlyList<ScoredForecast> Scored(IEnumerable<Question> questions, IReadOnlyList<QuestionForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(forecasts);
        var byQuestion = forecasts.ToLookup(f => f.QuestionId, StringComparer.Ordinal);
        var scored = new List<ScoredForecast>();
        foreach (var q in questions)
        {
            if (q.Resolution is null)
            {
                continue;
            }

            // What was said before the answer: to the day before the event on a yes, to the close on a no.
            var cutoff = q.LastDayBeforeAnswer;
            var known = byQuestion[q.Id].Where(q.CountsBeforeAnswer).ToList();
            var experts = ExpertAggregate.Latest(known.Where(f => !f.IsModel));
            scored.AddRange(experts.Select(f => Score(q, f)));
            KoreanDate modelCutoff = cutoff;
            if (experts.Count > 0)
            {
                var day = experts.Max(f => f.CountsFrom);
                scored.Add(Score(q, ExpertAggregate.Of(q.Id, known, day)!));
                modelCutoff = day;
            }

            if (known.Where(f => f.IsModel && f.AsOf <= modelCutoff).MaxBy(f => f.AsOf) is { } model)
            {
                scored.Add(Score(q, model));
            }
        }

        return scored;
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
        "Ranked by each forecaster's Brier score minus the experts' aggregate's on the same questions (the aggregate's own cell is blank; below 0 is better than the aggregate), " +
        "since means over different questions do not compare; forecasters that share no question with the aggregate come after, by their own mean Brier score.";

    /// <summary>
    /// The leaderboard: one row per forecaster. Means over different questions do not compare (one
    /// easy question can put a newcomer first), so each row carries its Brier score minus the
    /// aggregate's on the questions both were scored on (Good Judgment's relative Brier score,
    /// against the aggregate rather than the median), and the rows are ranked by it, lowest first,
    /// the aggregate counting 0; rows that share no question with the aggregate (the model on
    /// questions no expert forecast) come after, by their own mean Brier score (<see cref="Ranking"/>).
    /// </summary>
    public static IReadOnlyList<LeaderboardRow> Rows(IEnumerable<Question> questions, IReadOnlyList<QuestionForecast> forecasts)
    {
        var scored = Scored(questions, forecasts);
        var aggregate = scored.Where(s => s.Forecast.By == QuestionForecast.Aggregate).ToDictionary(s => s.Question.Id, s => s.Brier, StringComparer.Ordinal);
        return [.. scored
            .GroupBy(s => s.Forecast.By, StringComparer.Ordinal)
            .Select(g =>
            {
                var shared = g.Key == QuestionForecast.Aggregate ? [] : g.Where(s => aggregate.ContainsKey(s.Question.Id)).ToList();
                var (low, high, _, _) = Scoring.ClusteredMeanIntervals([.. shared.Select(s => (IReadOnlyList<double>)[s.Brier - aggregate[s.Question.Id]])]);
                return new LeaderboardRow(g.Key, g.Count(), g.Count(s => s.Outcome), g.Average(s => s.Brier), g.Average(s => s.LogScore),
                    shared.Count == 0 ? null : shared.Average(s => s.Brier - aggregate[s.Question.Id]), shared.Count)
                {
                    VsAggregateInterval = shared.Count < 2 ? null : (low, high),
                };
            })
            .OrderBy(r => r.By == QuestionForecast.Aggregate || r.BrierVsAggregate is not null ? 0 : 1)
            .ThenBy(r => r.By == QuestionForecast.Aggregate ? 0 : r.BrierVsAggregate ?? 0)
            .ThenBy(r => r.Brier)
            .ThenBy(r => r.By, StringComparer.Ordinal)];
    }

    private static ScoredForecast Score(Question q, QuestionForecast f)
    {
        var outcome = q.Resolution!.Outcome;
        return new ScoredForecast(q, f, outcome, ProperScores.Brier(f.Probability, outcome), ProperScores.Log(f.Probability, outcome, ExpertAggregate.Floor));
    }
}

/// <summary>One forecast that counted, with its scores.</summary>
public sealed record ScoredForecast(Question Question, QuestionForecast Forecast, bool Outcome, double Brier, double LogScore);

/// <summary>One forecaster on the leaderboard.</summary>
/// <param name="By">The forecaster: <c>model</c>, <c>aggregate</c> or an expert's name.</param>
/// <param name="Questions">Resolved questions scored.</param>
/// <param name="Yes">How many of them resolved yes.</param>
/// <param name="Brier">Mean Brier score (0 best).</param>
/// <param name="LogScore">Mean log score (0 best, negative).</param>
/// <param name="BrierVsAggregate">Mean of its Brier score minus the aggregate's on the questions both were scored on (negative: better than the aggregate); null for the aggregate itself and where they share none.</param>
/// <param name="WithAggregate">How many questions that comparison is over.</param>
public sealed record LeaderboardRow(string By, int Questions, int Yes, double Brier, double LogScore, double? BrierVsAggregate = null, int WithAggregate = 0)
{
    /// <summary>
    /// A 95% interval of <see cref="BrierVsAggregate"/> from resampling the shared questions (2,000
    /// draws, seeded): an interval that reaches both sides of 0 means these questions cannot tell
    /// the forecaster from the aggregate. Null with fewer than two shared questions.
    /// </summary>
    public (double Low, double High)? VsAggregateInterval { get; init; }
}
