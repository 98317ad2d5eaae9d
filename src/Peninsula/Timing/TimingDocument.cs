namespace Peninsula.Timing;

/// <summary>
/// The JSON shape of a timing result (snake_case when serialized with the project's options):
/// every figure, the answer, and the evidence by event id. Shared by the CLI and the web API.
/// </summary>
public static class TimingDocument
{
    /// <summary>The document of one result.</summary>
    public static object From(TimingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var q = result.Question;
        return new
        {
            Question = q.Name,
            q.Title,
            Answer = result.Answer,
            Reading = result.Reading,
            TooSmall = result.TooSmall,
            Provocations = new { Filter = q.Provocations, Noun = q.ProvocationNoun.Many, Count = result.Provocations },
            Context = new { Filter = q.Context, Noun = q.ContextNoun.Many, Count = result.ContextEvents },
            Window = new { From = q.Window.From, To = q.Window.To, Description = q.Window.Describe(q.ContextNoun.One) },
            Period = new { Start = result.PeriodStart.ToString(), End = result.PeriodEnd.ToString(), TimeZone = "Asia/Seoul (UTC+9)" },
            Method = new
            {
                result.Permutations,
                result.Seed,
                Null = "each context window moved to a random day of its own year; the provocation series kept as it is",
                Check = "all windows shifted together by a random number of days around the period (circular shift)",
                Interval = "hits: exact test inverted with every context event's odds of a hit scaled by one factor; provocations inside: exact Poisson (Garwood) interval of observed / expected",
                PValue = "(1 + permutations at least as extreme) / (1 + permutations), one-sided",
            },
            Hits = Figures(result.Hits),
            result.BestPossibleP,
            PAdjusted = result.AdjustedP,
            ProvocationsInside = Figures(result.ProvocationsInside),
            Evidence = result.Evidence.Select(e => new
            {
                ContextId = e.Context.Id,
                Date = e.Context.Date.ToString(),
                EndDate = e.Context.EndDate?.ToString(),
                e.Context.Title,
                WindowStart = e.WindowStart.ToString(),
                WindowEnd = e.WindowEnd.ToString(),
                e.ChanceOfHit,
                Provocations = e.Provocations.Select(p => new { p.Id, Date = p.Date.ToString(), Class = p.Class, p.Title }),
            }),
            Profile = result.Profile.Select(p => new { p.Offset, p.Observed, p.Expected, p.BandLow, p.BandHigh }),
            result.Notes,
        };
    }

    private static object Figures(Comparison c) => new
    {
        c.Observed,
        c.Expected,
        c.RangeLow,
        c.RangeHigh,
        Ratio = Finite(c.Ratio),
        RatioLow = Finite(c.RatioLow),
        RatioHigh = Finite(c.RatioHigh),
        c.P,
        c.PFewer,
        c.PCircular,
        c.PAllPlacements,
    };

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    /// <summary>A ready-made question: its name, title, provocations, context, window (with its meaning), rationale and the command that asks it.</summary>
    public static object Question(TimingQuestion q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new
        {
            q.Name,
            q.Title,
            q.Provocations,
            q.Context,
            Window = q.Window.ToString(),
            WindowDescription = q.Window.Describe(q.ContextNoun.One),
            q.Rationale,
            Command = $"peninsula timing --context {q.Name}",
        };
    }
}
