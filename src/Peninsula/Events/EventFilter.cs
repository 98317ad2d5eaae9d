using System.Text;

namespace Peninsula.Events;

/// <summary>
/// A filter written as one piece of text, for options that take a whole set of events
/// (<c>timing --provocations "class=icbm,irbm since=2017-01-01"</c>): the same conditions as the
/// options of <c>events list</c>, written <c>key=value</c> and separated by spaces, or one of
/// the named sets (<c>ballistic</c>, <c>missiles</c>, <c>nuclear</c>, <c>provocations</c>).
/// </summary>
public static class EventFilter
{
    /// <summary>The keys a filter may use, as in <c>events list</c>'s options.</summary>
    public static readonly IReadOnlyList<string> Keys = ["kind", "class", "system", "actor", "since", "until", "text"];

    /// <summary>The named sets, with what each holds.</summary>
    public static readonly IReadOnlyDictionary<string, (EventQuery Query, string Description)> NamedSets =
        new Dictionary<string, (EventQuery, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["ballistic"] = (new EventQuery { Kinds = [EventKind.MissileLaunch], Classes = [.. Taxonomy.BallisticClasses.Order(StringComparer.Ordinal)] },
                "ballistic missile and space launches (the record is complete for these)"),
            ["missiles"] = (new EventQuery { Kinds = [EventKind.MissileLaunch] }, "missile launches of every class, cruise missiles included"),
            ["nuclear"] = (new EventQuery { Kinds = [EventKind.NuclearTest] }, "nuclear tests"),
            ["provocations"] = (new EventQuery { Kinds = [.. Taxonomy.ProvocationKinds.Order()] }, "every North Korean provocation: launches, tests, incidents, incursions, cyber operations"),
            ["responses"] = (new EventQuery { Kinds = [EventKind.ShowOfForce, EventKind.Statement, EventKind.Sanction] },
                "the world's responses: shows of force, UN Security Council statements and meetings, sanctions (UN and others)"),
            ["diplomacy"] = (new EventQuery { Kinds = [EventKind.DiplomaticVisit, EventKind.Summit, EventKind.Talks, EventKind.Agreement] },
                "visits, summits, talks and agreements"),
        };

    /// <summary>
    /// Reads a filter. Terms combine with AND; <c>kind</c> and <c>class</c> take several values
    /// separated by commas; a value with spaces goes in double quotes (<c>text="Blinken Seoul"</c>).
    /// A bad term throws an <see cref="InputException"/> for <paramref name="field"/> that lists what is valid.
    /// </summary>
    public static EventQuery Parse(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = Terms(text, field);
        if (terms.Count == 0)
        {
            throw new InputException($"The filter is empty. Give a named set ({string.Join(", ", NamedSets.Keys)}) or terms such as kind=missile-launch class=icbm.", field: field);
        }

        var query = new EventQuery();
        foreach (var term in terms)
        {
            var equals = term.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                query = NamedSets.TryGetValue(term, out var named)
                    ? Combine(query, named.Query, term, field)
                    : throw new InputException(
                        $"'{term}' is neither a named set ({string.Join(", ", NamedSets.Keys)}) nor a term key=value with a key among {string.Join(", ", Keys)}.",
                        field: field);
                continue;
            }

            var key = term[..equals].Trim().ToLowerInvariant();
            var value = term[(equals + 1)..].Trim();
            if (value.Length == 0)
            {
                throw new InputException($"'{key}' has no value.", field: field);
            }

            query = key switch
            {
                "kind" => Combine(query, new EventQuery { Kinds = [.. Values(value).Select(v => Taxonomy.ParseKind(v, field: field))] }, term, field),
                "class" => Combine(query, new EventQuery { Classes = [.. Values(value).Select(v => Class(v, field))] }, term, field),
                "system" => query with { System = value },
                "actor" => query with { Actor = Actor(value, field) },
                "since" => query with { Since = Date(value, key, field) },
                "until" => query with { Until = Date(value, key, field) },
                "text" => query with { Text = value },
                _ => throw new InputException($"'{key}' is not a filter key. Valid keys: {string.Join(", ", Keys)}.", field: field),
            };
        }

        return query;
    }

    /// <summary>
    /// Builds a query from separate fields, as the CLI's options and the web API's query
    /// parameters give them. <paramref name="kinds"/> and <paramref name="classes"/> may hold
    /// several values separated by commas. A bad value throws an <see cref="InputException"/>
    /// naming the field as <paramref name="fieldName"/> spells it (e.g. <c>--kind</c> or <c>kind</c>).
    /// </summary>
    public static EventQuery FromFields(
        IEnumerable<string>? kinds, IEnumerable<string>? classes, string? system, string? actor,
        string? since, string? until, string? text, Func<string, string> fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        return new EventQuery
        {
            Kinds = [.. (kinds ?? []).SelectMany(Values).Select(k => Taxonomy.ParseKind(k, field: fieldName("kind")))],
            Classes = [.. (classes ?? []).SelectMany(Values).Select(c => Class(c, fieldName("class")))],
            System = string.IsNullOrWhiteSpace(system) ? null : system.Trim(),
            Actor = string.IsNullOrWhiteSpace(actor) ? null : Actor(actor.Trim(), fieldName("actor")),
            Since = KoreanDate.ParseInput(since, fieldName("since")),
            Until = KoreanDate.ParseInput(until, fieldName("until")),
            Text = string.IsNullOrWhiteSpace(text) ? null : text,
        };
    }

    private static EventQuery Combine(EventQuery query, EventQuery more, string term, string field)
    {
        if (query.Kinds.Count > 0 && more.Kinds.Count > 0)
        {
            throw new InputException($"'{term}' sets the kinds a second time; give the kinds once, separated by commas.", field: field);
        }

        if (query.Classes.Count > 0 && more.Classes.Count > 0)
        {
            throw new InputException($"'{term}' sets the classes a second time; give the classes once, separated by commas.", field: field);
        }

        return query with
        {
            Kinds = query.Kinds.Count > 0 ? query.Kinds : more.Kinds,
            Classes = query.Classes.Count > 0 ? query.Classes : more.Classes,
        };
    }

    private static string Class(string value, string field)
    {
        var c = value.ToLowerInvariant();
        return Taxonomy.AllClasses.Contains(c)
            ? c
            : throw new InputException($"'{value}' is not a class. Valid classes: {string.Join(", ", Taxonomy.AllClasses)}.", field: field);
    }

    private static string Actor(string value, string field)
    {
        var actor = value.ToUpperInvariant();
        return Taxonomy.Actors.ContainsKey(actor)
            ? actor
            : throw new InputException($"'{value}' is not an actor. Valid actors: {string.Join(", ", Taxonomy.Actors.Keys)}.", field: field);
    }

    private static KoreanDate Date(string value, string key, string field) =>
        KoreanDate.TryParse(value, out var date)
            ? date
            : throw new InputException($"{key}: {KoreanDate.NotADate(value)}", field: field);

    private static string[] Values(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Splits on spaces outside double quotes; the quotes themselves are dropped.</summary>
    private static List<string> Terms(string text, string field)
    {
        var terms = new List<string>();
        var term = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                Flush();
            }
            else
            {
                term.Append(c);
            }
        }

        if (quoted)
        {
            throw new InputException("A double quote is not closed.", field: field);
        }

        Flush();
        return terms;

        void Flush()
        {
            if (term.Length > 0)
            {
                terms.Add(term.ToString());
                term.Clear();
            }
        }
    }
}
