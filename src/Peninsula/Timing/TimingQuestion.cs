using Peninsula.Events;

namespace Peninsula.Timing;

/// <summary>
/// A timing question: which provocations, which context events, and which window around each
/// context event counts as "at the time". Ready-made ones are in <see cref="TimingQuestions"/>;
/// any other is built from two filters with <see cref="FromFilters"/>.
/// </summary>
public sealed record TimingQuestion
{
    /// <summary>The name to ask it by (<c>secstate-visits</c>), or null for a question built from filters.</summary>
    public string? Name { get; init; }

    /// <summary>The question in words.</summary>
    public required string Title { get; init; }

    /// <summary>The provocations, as a filter text (<see cref="EventFilter"/>).</summary>
    public required string Provocations { get; init; }

    /// <summary>One provocation and several, in words: ("ballistic launch", "ballistic launches").</summary>
    public required Noun ProvocationNoun { get; init; }

    /// <summary>The context events, as a filter text.</summary>
    public required string Context { get; init; }

    /// <summary>One context event and several, in words: ("visit", "visits").</summary>
    public required Noun ContextNoun { get; init; }

    /// <summary>The days around each context event that count.</summary>
    public required TimingWindow Window { get; init; }

    /// <summary>Why this window and these sets, for the documentation and the list of questions.</summary>
    public string? Rationale { get; init; }

    /// <summary>A question from two filters (see <see cref="EventFilter.Parse"/>).</summary>
    public static TimingQuestion FromFilters(string provocations, string context, TimingWindow window)
    {
        EventFilter.Parse(provocations, "--provocations");
        EventFilter.Parse(context, "--context");
        var named = EventFilter.NamedSets.ContainsKey(provocations.Trim());
        var provocationNoun = provocations.Trim().ToLowerInvariant() switch
        {
            "ballistic" => new Noun("ballistic launch", "ballistic launches"),
            "missiles" => new Noun("missile launch", "missile launches"),
            "nuclear" => new Noun("nuclear test", "nuclear tests"),
            "responses" => new Noun("response", "responses"),
            "diplomacy" => new Noun("diplomatic event", "diplomatic events"),
            _ when named => new Noun("provocation", "provocations"),
            _ => new Noun("matching event", "matching events"),
        };
        return new TimingQuestion
        {
            Title = $"Do {provocationNoun.Many} ({provocations}) fall near context events ({context})?",
            Provocations = provocations,
            ProvocationNoun = provocationNoun,
            Context = context,
            ContextNoun = new Noun("context event", "context events"),
            Window = window,
        };
    }

    /// <summary>The same question with another window or other provocations.</summary>
    public TimingQuestion With(TimingWindow? window, string? provocations)
    {
        var question = this with { Window = window ?? Window };
        if (provocations is not null && provocations != Provocations)
        {
            var other = FromFilters(provocations, Context, question.Window);
            question = question with { Provocations = provocations, ProvocationNoun = other.ProvocationNoun };
        }

        return question;
    }
}

/// <summary>A noun in the singular and the plural, for answers in plain language.</summary>
public sealed record Noun(string One, string Many)
{
    /// <summary>"1 visit", "3 visits".</summary>
    public string Count(int n) => n == 1 ? $"1 {One}" : $"{n} {Many}";
}

/// <summary>The ready-made questions, each answerable in one command.</summary>
public static class TimingQuestions
{
    /// <summary>Every ready-made question, in the order they are listed.</summary>
    public static readonly IReadOnlyList<TimingQuestion> All =
    [
        Ballistic(
            "secstate-visits", "during visits of US Secretaries of State to South Korea", "kind=diplomatic-visit class=us-secretary-of-state", new("visit", "visits"), new(-1, 1),
            "The visit itself plus one day either side: a launch on the eve of arrival or the day after departure is still read as aimed at the visit, and one day also covers UTC against Korean dates."),
        Ballistic(
            "secdef-visits", "during visits of US Secretaries of Defense to South Korea", "kind=diplomatic-visit class=us-secretary-of-defense", new("visit", "visits"), new(-1, 1),
            "As for the Secretaries of State: the visit plus one day either side."),
        Ballistic(
            "exercises", "during US-ROK combined exercises", "kind=military-exercise class=us-rok", new("exercise", "exercises"), new(0, 0),
            "The days of the exercise itself, first to last. Exercises last days to weeks, so chance alone gives many of them a launch; the test says whether more do."),
        Ballistic(
            "us-elections", "around US presidential elections", "kind=election class=us-president", new("election", "elections"), new(-7, 7),
            "A week either side of election day: the days commentators call 'ahead of' or 'after' the vote."),
        Ballistic(
            "rok-elections", "around South Korean presidential elections", "kind=election class=rok-president", new("election", "elections"), new(-7, 7),
            "A week either side of election day."),
        Ballistic(
            "anniversaries", "around its own anniversaries", "kind=anniversary", new("anniversary", "anniversaries"), new(-3, 3),
            "Three days either side of each anniversary of the state calendar (leaders' birthdays, founding days, Victory Day), every year it was observed."),
        Ballistic(
            "un-resolutions", "after UN Security Council resolutions", "kind=sanction class=un-resolution", new("resolution", "resolutions"), new(0, 7),
            "The day of adoption and the week after. Resolutions are dated in New York, so the Korean date of the news is that day or the next."),
        Ballistic(
            "summits", "after summits", "kind=summit", new("summit", "summits"), new(1, 30),
            "The month after a summit ends: the claim is usually that launches resume, or stop, once the leaders have met."),
        Ballistic(
            "deployments", "after US carrier, bomber or missile-submarine deployments", "kind=show-of-force class=carrier,bomber,submarine", new("deployment", "deployments"), new(0, 3),
            "The days of the deployment and the three after: the claim is that North Korea answers a show of force. The window starts on the deployment's first day because many flights answer a launch made the day before. The calendar samples deployments (data/README.md), so the answer is about the listed ones."),
        Ballistic(
            "us-sanctions", "after new US sanctions", "kind=sanction class=us-executive-order,us-treasury", new("sanctions action", "sanctions actions"), new(0, 7),
            "The day of the executive order or Treasury action and the week after, as for UN resolutions. Actions are dated in Washington, so the Korean date of the news is that day or the next."),
        Ballistic(
            "talks", "around talks with the US, South Korea or the six parties", "kind=talks", new("round of talks", "rounds of talks"), new(-7, 7),
            "A week either side of the talks, first day to last: the days commentators call 'ahead of' or 'after' the talks."),
    ];

    /// <summary>A ready-made question by name, ignoring case; null when there is none.</summary>
    public static TimingQuestion? Find(string name) =>
        All.FirstOrDefault(q => string.Equals(q.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The questions a person asks for: each of <paramref name="contexts"/> is a ready-made
    /// question's name, <c>all</c>, or a filter of context events. <paramref name="provocations"/>
    /// and <paramref name="window"/>, when given, replace each question's own. Nothing asked throws
    /// an <see cref="InputException"/> for <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyList<TimingQuestion> Resolve(IReadOnlyCollection<string> contexts, string? provocations, TimingWindow? window, string field)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        if (contexts.Count == 0 || contexts.All(string.IsNullOrWhiteSpace))
        {
            throw new InputException(
                $"Say what to test against with {field}: a ready-made question ({string.Join(", ", All.Select(q => q.Name))}), 'all', or a filter such as \"kind=diplomatic-visit text=Blinken\".",
                field: field);
        }

        var questions = new List<TimingQuestion>();
        foreach (var text in contexts.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase))
            {
                questions.AddRange(All.Select(q => q.With(window, provocations)));
            }
            else
            {
                questions.Add(Find(text)?.With(window, provocations)
                    ?? TimingQuestion.FromFilters(provocations ?? "ballistic", Unmistyped(text, field), window ?? new TimingWindow(-3, 3)));
            }
        }

        return questions;
    }

    /// <summary>
    /// A context filter that is one word, neither a named set nor a term, is taken for a mistyped
    /// question name when one is close: the message names it (<c>secstate</c>: did you mean
    /// secstate-visits?) instead of explaining filters.
    /// </summary>
    private static string Unmistyped(string text, string field)
    {
        var word = text.Trim();
        if (word.Contains('=', StringComparison.Ordinal) || word.Contains(' ', StringComparison.Ordinal) || EventFilter.NamedSets.ContainsKey(word))
        {
            return text;
        }

        var close = Spelling.Closest(word, All.Select(q => q.Name!).Concat(EventFilter.NamedSets.Keys));
        return close.Count == 0
            ? text
            : throw new InputException(
                $"'{word}' is not a ready-made question or a named set of events. Did you mean {string.Join(" or ", close)}? " +
                $"The questions are {string.Join(", ", All.Select(q => q.Name))}, and 'all' asks each.",
                field: field);
    }

    /// <summary>A question about ballistic launches (the part of the record that is complete).</summary>
    private static TimingQuestion Ballistic(string name, string when, string context, Noun contextNoun, TimingWindow window, string rationale) => new()
    {
        Name = name,
        Title = $"Does North Korea launch ballistic missiles {when}?",
        Provocations = "ballistic",
        ProvocationNoun = new Noun("ballistic launch", "ballistic launches"),
        Context = context,
        ContextNoun = contextNoun,
        Window = window,
        Rationale = rationale,
    };
}
