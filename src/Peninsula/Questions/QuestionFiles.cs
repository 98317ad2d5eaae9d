using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using Peninsula.Events;
using Peninsula.Forecasting;
using Peninsula.Import;

namespace Peninsula.Questions;

/// <summary>
/// Questions and their forecasts as files a team can share: JSON (an array of questions, each with
/// its forecasts) or CSV (one row per forecast, the question's fields repeated on each of its rows;
/// a question without forecasts has one row with the forecast columns empty). Dates are Korean
/// dates (UTC+9), YYYY-MM-DD. A resolution in a file is the record's at export, or the source's for
/// a crowd question; an import does not take it: questions resolve from the record. A forecast's
/// <c>entered</c> is the instant it was entered where the file was exported (ISO 8601 with its
/// offset, written in UTC); an import keeps it, and a forecast without one is entered at the import.
/// A forecast with a <c>withdrawn</c> instant was withdrawn where the file was exported: an import
/// withdraws the same forecast here (the same forecaster, day and probability) if it holds it and
/// it is not scored, and otherwise takes nothing from that row.
/// </summary>
public static class QuestionFiles
{
    /// <summary>The CSV columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "question", "title", "target", "filter", "opens", "closes", "question_url", "resolution", "resolved_on", "resolving_event",
        "by", "as_of", "probability", "forecast_url", "entered", "withdrawn",
    ];

    private static readonly string[] QuestionColumns = ["title", "target", "filter", "opens", "closes", "question_url", "resolution", "resolved_on", "resolving_event"];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Where a forecast was read: the file, the line, and the field that holds its date (<c>as_of</c> in CSV, <c>forecasts[i].as_of</c> in JSON).</summary>
    public sealed record Place(string? File, long? Line, string AsOfField)
    {
        /// <summary>Another field of the same forecast, named as its date's is (<c>entered</c>, <c>forecasts[2].entered</c>).</summary>
        public string FieldOf(string name) => AsOfField.EndsWith("as_of", StringComparison.Ordinal) ? AsOfField[..^"as_of".Length] + name : name;
    }

    /// <summary>What a file holds: questions, the forecasts on them, and the resolution the file states for each (by id), if any.</summary>
    public sealed record Contents(IReadOnlyList<Question> Questions, IReadOnlyList<QuestionForecast> Forecasts, IReadOnlyDictionary<string, bool> StatedOutcomes)
    {
        /// <summary>Where each forecast was read (file, line, and the field its date is in), for errors found once the questions are resolved; empty for contents not read from a file.</summary>
        public IReadOnlyDictionary<(string Question, string By, KoreanDate AsOf), Place> Places { get; init; } =
            new Dictionary<(string, string, KoreanDate), Place>();

        /// <summary>Where each question was read (file, and the line of its first row or its object), by id; empty for contents not read from a file.</summary>
        public IReadOnlyDictionary<string, (string File, long Line)> QuestionPlaces { get; init; } = new Dictionary<string, (string, long)>();

        /// <summary>Where <paramref name="forecast"/> was read from, or nowhere (its date's field then plain <c>as_of</c>).</summary>
        public Place PlaceOf(QuestionForecast forecast)
        {
            ArgumentNullException.ThrowIfNull(forecast);
            return Places.TryGetValue((forecast.QuestionId, forecast.By, forecast.AsOf), out var place) ? place : new Place(null, null, "as_of");
        }

        /// <summary>The contents of several files as one, each forecast keeping its place.</summary>
        public static Contents Merge(IEnumerable<Contents> parts)
        {
            var all = parts.ToList();
            return new Contents(
                [.. all.SelectMany(c => c.Questions)],
                [.. all.SelectMany(c => c.Forecasts)],
                all.SelectMany(c => c.StatedOutcomes).ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal))
            {
                Places = all.SelectMany(c => c.Places).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Value),
                QuestionPlaces = all.SelectMany(c => c.QuestionPlaces).GroupBy(x => x.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
            };
        }
    }

    /// <summary>Reads a file by its extension (.json or .csv), or by <paramref name="format"/> when given.</summary>
    public static Contents Read(string path, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kind = format ?? Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        return kind switch
        {
            "json" => ReadJson(File.ReadAllBytes(path), path),
            "csv" => ReadCsvFile(path),
            _ => throw new InputException("give a .json or .csv file (or --format json|csv).", path),
        };
    }

    private static Contents ReadCsvFile(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return ReadCsv(reader, path);
    }

    /// <summary>Writes questions with their forecasts as CSV.</summary>
    public static void WriteCsv(IEnumerable<Question> questions, IReadOnlyList<QuestionForecast> forecasts, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(forecasts);
        var byQuestion = forecasts.ToLookup(f => f.QuestionId, StringComparer.Ordinal);
        using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader([.. Columns]);
        foreach (var q in questions)
        {
            string?[] fields =
            [
                q.Id, q.Title, q.Target?.Slug, q.Filter, q.Opens.ToString(), q.Closes.ToString(), q.Url, q.Resolution?.Word, q.Resolution?.On.ToString(), q.Resolution?.EventId,
            ];
            var rows = byQuestion[q.Id].Select(f => (string?[])[f.By, f.AsOf.ToString(), Number(f.Probability), f.Url, Instant(f.Entered), Instant(f.Withdrawn)]).DefaultIfEmpty([null, null, null, null, null, null]);
            foreach (var row in rows)
            {
                string?[] all = [.. fields, .. row];
                csv.WriteRecord([.. all.Select((v, i) => Columns[i] == "probability" ? v ?? "" : SpreadsheetText.Neutralise(v ?? ""))]);
            }
        }

        csv.Flush();
    }

    /// <summary>The most bad rows one error lists: enough to fix a file in one go, not a wall of text.</summary>
    public const int MaxErrorsListed = 20;

    /// <summary>
    /// Reads CSV: the rows of a question may come in any order (a file sorted in a spreadsheet) but
    /// must agree on every question field, and a column the layout does not have is refused; a bad
    /// value is an <see cref="InputException"/> naming the file, line and field. Every bad row is read
    /// past and named (up to <see cref="MaxErrorsListed"/>), so that one bad row does not hide the
    /// next: fixing the first and importing again to meet the second is a round trip per row.
    /// </summary>
    public static Contents ReadCsv(TextReader text, string file)
    {
        var table = CsvTable.Read(text, file, ["question", "title", "opens", "closes"], [.. Columns.Except(["question", "title", "opens", "closes"])], formulasNeutralised: true, keepBadRows: true, onlyKnownColumns: true);
        var questions = new List<Question>();
        var questionPlaces = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        var forecasts = new List<QuestionForecast>();
        var stated = new Dictionary<string, bool>(StringComparer.Ordinal);
        var places = new Dictionary<(string, string, KoreanDate), Place>();
        var errors = new List<InputException>();
        var badRows = 0;
        var firstRows = new Dictionary<string, CsvRecord>(StringComparer.Ordinal);
        foreach (var r in table.Records)
        {
            try
            {
                ReadRow(r);
            }
            catch (InputException ex)
            {
                badRows++;
                if (errors.Count < MaxErrorsListed)
                {
                    errors.Add(ex);
                }
            }
        }

        if (badRows == 1)
        {
            throw errors[0];
        }

        if (badRows > 1)
        {
            // One bad row a line, each by its line and field, so that the list reads as a list.
            var listed = string.Concat(errors.Select(e => "\n  " + new InputException(e.Reason, null, e.Line, e.Field).Message));
            var more = badRows > errors.Count ? $"\n  and {(badRows - errors.Count).ToString(CultureInfo.InvariantCulture)} more." : "";
            throw new InputException($"{badRows.ToString(CultureInfo.InvariantCulture)} bad rows, so nothing was imported:{listed}{more}", file);
        }

        return Checked(new Contents(questions, forecasts, stated) { Places = places, QuestionPlaces = questionPlaces }, file);

        void ReadRow(CsvRecord r)
        {
            if (r.Problem is { } problem)
            {
                throw problem;
            }

            var id = Question.CheckId(r.Optional("question"), file, r.Line, "question");
            if (!firstRows.TryGetValue(id, out var first))
            {
                firstRows[id] = r;
                questionPlaces[id] = (file, r.Line);
                var target = r.Optional("target") is { } t ? Wrap(() => ForecastTarget.Parse(t, "target"), file, r.Line) : null;
                questions.Add(Wrap(() => new Question(id, r.Optional("title") ?? "", target, r.Optional("filter"), r.RequiredDate("opens"), r.RequiredDate("closes"), r.Optional("question_url"), null)
                    .Validated(file, r.Line), file, r.Line));
                if (r.Optional("resolution") is { } word)
                {
                    stated[id] = Outcome(word, file, r.Line, "resolution");
                }
            }
            else
            {
                foreach (var column in QuestionColumns)
                {
                    if (r.Optional(column) != first.Optional(column))
                    {
                        throw r.Error(column, $"the rows of question '{id}' disagree on {column}: '{r.Optional(column)}' here, '{first.Optional(column)}' on line {first.Line}.");
                    }
                }
            }

            if (r.Optional("by") is null && r.Optional("as_of") is null && r.Optional("probability") is null)
            {
                return;
            }

            var by = QuestionForecast.CheckName(r.Optional("by"), file, r.Line);
            var p = QuestionForecast.ParseProbability(r.Optional("probability"), file, r.Line);
            var forecast = Wrap(() => new QuestionForecast(id, by, r.RequiredDate("as_of"), p, r.Optional("forecast_url"))
            {
                Entered = Time(r.Optional("entered"), "entered", "entered"),
                Withdrawn = Time(r.Optional("withdrawn"), "withdrawn", "withdrawn"),
            }.Validated(file, r.Line), file, r.Line);
            forecasts.Add(forecast);
            places[(forecast.QuestionId, forecast.By, forecast.AsOf)] = new Place(file, r.Line, "as_of");
        }
    }

    /// <summary>Writes questions with their forecasts as JSON.</summary>
    public static void WriteJson(IEnumerable<Question> questions, IReadOnlyList<QuestionForecast> forecasts, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var byQuestion = forecasts.ToLookup(f => f.QuestionId, StringComparer.Ordinal);
        var docs = questions.Select(q => new QuestionDocument
        {
            Id = q.Id,
            Title = q.Title,
            Target = q.Target?.Slug,
            Filter = q.Filter,
            Opens = q.Opens.ToString(),
            Closes = q.Closes.ToString(),
            Url = q.Url,
            Resolution = q.Resolution?.Word,
            ResolvedOn = q.Resolution?.On.ToString(),
            ResolvingEvent = q.Resolution?.EventId,
            Forecasts = [.. byQuestion[q.Id].Select(f => new ForecastDocument { By = f.By, AsOf = f.AsOf.ToString(), Probability = f.Probability, Url = f.Url, Entered = Instant(f.Entered), Withdrawn = Instant(f.Withdrawn) })],
        });
        output.Write(JsonSerializer.Serialize(docs, Options));
        output.WriteLine();
    }

    /// <summary>Reads JSON: an array of questions; a bad one is reported by the line where its object starts and the field.</summary>
    public static Contents ReadJson(byte[] utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        long LineOf(long offset)
        {
            var index = lineStarts.BinarySearch((int)offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var questions = new List<Question>();
        var forecasts = new List<QuestionForecast>();
        var stated = new Dictionary<string, bool>(StringComparer.Ordinal);
        var places = new Dictionary<(string, string, KoreanDate), Place>();
        var questionPlaces = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InputException("expected a JSON array of questions ([ {...}, ... ]).", file, LineOf(reader.TokenStartIndex));
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineOf(reader.TokenStartIndex);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new InputException("expected a question object.", file, line);
                }

                var (forecastLines, fieldLines) = Lines(reader, LineOf);
                QuestionDocument doc;
                try
                {
                    doc = JsonSerializer.Deserialize<QuestionDocument>(ref reader, Options) ?? throw new InputException("a question is null.", file, line);
                }
                catch (JsonException ex)
                {
                    // The serializer counts lines (from 0) from the question object's first line.
                    throw new InputException(Plain(ex), file, IsCutShort(ex) ? LineOf(utf8.Length - 1) : ex.LineNumber is { } l ? line + l : line, FieldOf(ex.Path));
                }

                var idLine = fieldLines.GetValueOrDefault("id", line);
                var id = Question.CheckId(doc.Id, file, idLine);
                if (questions.Any(q => q.Id == id))
                {
                    throw new InputException($"question '{id}' appears twice.", file, idLine, "id");
                }

                questionPlaces[id] = (file, line);

                var target = doc.Target is { Length: > 0 } t ? Wrap(() => ForecastTarget.Parse(t, "target"), file, line, fieldLines: fieldLines) : null;
                questions.Add(Wrap(() => new Question(id, doc.Title ?? "", target, doc.Filter is { Length: > 0 } ? doc.Filter : null, Date(doc.Opens, "opens"), Date(doc.Closes, "closes"), doc.Url, null)
                    .Validated(), file, line, fieldLines: fieldLines));
                if (doc.Resolution is { } word)
                {
                    stated[id] = Outcome(word, file, fieldLines.GetValueOrDefault("resolution", line), "resolution");
                }

                for (var i = 0; i < (doc.Forecasts?.Count ?? 0); i++)
                {
                    var f = doc.Forecasts![i];
                    var field = $"forecasts[{i.ToString(CultureInfo.InvariantCulture)}]";
                    var forecastLine = i < forecastLines.Count ? forecastLines[i] : line;
                    var forecast = Wrap(() => new QuestionForecast(id, QuestionForecast.CheckName(f.By, field: field + ".by"), Date(f.AsOf, field + ".as_of"), f.Probability ?? throw new InputException("a forecast needs a probability.", field: field + ".probability"), f.Url)
                    {
                        Entered = Time(f.Entered, field + ".entered", "entered"),
                        Withdrawn = Time(f.Withdrawn, field + ".withdrawn", "withdrawn"),
                    }
                        .Validated(), file, forecastLine, field, fieldLines);
                    forecasts.Add(forecast);
                    places[(forecast.QuestionId, forecast.By, forecast.AsOf)] = new Place(file, forecastLine, field + ".as_of");
                }
            }
        }
        catch (JsonException ex)
        {
            throw new InputException(Plain(ex), file, IsCutShort(ex) ? LineOf(utf8.Length - 1) : (ex.LineNumber ?? 0) + 1);
        }

        return Checked(new Contents(questions, forecasts, stated) { Places = places, QuestionPlaces = questionPlaces }, file);
    }

    /// <summary>
    /// Where the parts of the question object the reader is at are, read on a copy of the reader:
    /// the line of each forecast object, and the line of each field by its path (<c>opens</c>,
    /// <c>forecasts[0].probability</c>), so that a bad value is named by its own line rather than by
    /// its object's.
    /// </summary>
    private static (List<long> Forecasts, Dictionary<string, long> Fields) Lines(Utf8JsonReader scan, Func<long, long> lineOf)
    {
        var forecasts = new List<long>();
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        var depth = scan.CurrentDepth;
        var inForecasts = false;
        try
        {
            while (scan.Read() && scan.CurrentDepth > depth)
            {
                if (scan.CurrentDepth == depth + 1 && scan.TokenType == JsonTokenType.PropertyName)
                {
                    inForecasts = scan.ValueTextEquals("forecasts"u8);
                    fields.TryAdd(scan.GetString()!, lineOf(scan.TokenStartIndex));
                }
                else if (inForecasts && scan.CurrentDepth == depth + 2 && scan.TokenType == JsonTokenType.StartObject)
                {
                    forecasts.Add(lineOf(scan.TokenStartIndex));
                }
                else if (inForecasts && scan.CurrentDepth == depth + 3 && scan.TokenType == JsonTokenType.PropertyName)
                {
                    var index = (forecasts.Count - 1).ToString(CultureInfo.InvariantCulture);
                    fields.TryAdd($"forecasts[{index}].{scan.GetString()}", lineOf(scan.TokenStartIndex));
                }
            }
        }
        catch (JsonException)
        {
            // The deserializer meets the same fault and reports it by its place.
        }

        return (forecasts, fields);
    }

    /// <summary>A JSON error in words a person reads: what is wrong, without the serializer's types and byte positions.</summary>
    private static string Plain(JsonException ex)
    {
        // A value read by Peninsula's own rule (a probability as text) says what is wrong in its own words.
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is InputException input)
            {
                return input.Reason;
            }
        }

        var message = ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0].Trim();
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            var kind = message.Contains("Double", StringComparison.Ordinal) ? "a number (0.25 for 25%)"
                : message.Contains("List", StringComparison.Ordinal) ? "a list ([ ... ])"
                : message.Contains("Document", StringComparison.Ordinal) ? "an object ({ ... })"
                : "text in quotes";
            return $"the value must be {kind}.";
        }

        if (message.StartsWith("The JSON property", StringComparison.Ordinal) && message.Split('\'') is [_, var name, ..])
        {
            return message.Contains(nameof(ForecastDocument), StringComparison.Ordinal)
                ? $"'{name}' is not a field of a forecast; a forecast has by, as_of, probability, url, entered and withdrawn."
                : $"'{name}' is not a field of a question; a question has id, title, target, filter, opens, closes, url, resolution, resolved_on, resolving_event and forecasts.";
        }

        if (message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "the file is empty: expected a JSON array of questions ([ {...}, ... ]).";
        }

        if (IsCutShort(ex))
        {
            return "the file ends before every object and list is closed (a '}' or ']' is missing, or the file was cut short).";
        }

        return $"this is not valid JSON here: {message}";
    }

    /// <summary>Whether the file ends inside an object or a list.</summary>
    private static bool IsCutShort(JsonException ex) =>
        ex.Message.Contains("open JSON object or array", StringComparison.Ordinal) || ex.Message.Contains("end of data", StringComparison.Ordinal);

    /// <summary>The field of a serializer's path ($[2].forecasts[0].probability): forecasts[0].probability.</summary>
    private static string? FieldOf(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : path[(dot + 1)..];
    }

    private static Contents Checked(Contents contents, string file)
    {
        var duplicate = contents.Forecasts.GroupBy(f => (f.QuestionId, f.By, f.AsOf)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is null)
        {
            return contents;
        }

        // Named at the later of the two (the place kept for a forecast is its last).
        var place = contents.PlaceOf(duplicate.First());
        throw new InputException($"question '{duplicate.Key.QuestionId}' has two forecasts by {duplicate.Key.By} as of {duplicate.Key.AsOf}; keep one.", file, place.Line, place.AsOfField);
    }

    /// <summary>An instant as the files write it: ISO 8601 in UTC, to the millisecond (2026-12-07T08:30:00.000Z).</summary>
    private static string? Instant(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>When a forecast was entered or withdrawn, read from a file: ISO 8601 with its offset (Z for UTC); one without an offset is refused, since it could be Korean time or UTC.</summary>
    private static DateTimeOffset? Time(string? text, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        var hasOffset = t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && t[^6] is '+' or '-' && t[^3] == ':');
        if (!t.Contains('T', StringComparison.Ordinal) || !hasOffset ||
            !DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            throw new InputException($"'{text}' is not a time a forecast was {what}: write ISO 8601 with the offset, e.g. 2026-12-07T08:30:00Z (UTC) or 2026-12-07T17:30:00+09:00 (Korea).", field: field);
        }

        return at.ToUniversalTime();
    }

    private static KoreanDate Date(string? text, string field) =>
        KoreanDate.TryParse(text, out var date) ? date : throw new InputException($"'{text}' is not a date: write YYYY-MM-DD (a Korean date).", field: field);

    private static bool Outcome(string word, string file, long line, string field) => word.Trim().ToLowerInvariant() switch
    {
        "yes" => true,
        "no" => false,
        _ => throw new InputException($"'{word}' is not a resolution: write yes or no.", file, line, field),
    };

    // Places an error raised without a place (a parse of one value) at the file and line it came from.
    /// <summary>
    /// Runs a read and names the file and line of what it refuses: the line of the field at fault
    /// when <paramref name="fieldLines"/> knows it (JSON, whose objects span lines), else that of
    /// the row or object.
    /// </summary>
    private static T Wrap<T>(Func<T> read, string file, long line, string? prefix = null, Dictionary<string, long>? fieldLines = null)
    {
        try
        {
            return read();
        }
        catch (InputException ex) when (ex.File is null)
        {
            var field = ex.Field is null ? prefix : prefix is null || ex.Field.StartsWith(prefix, StringComparison.Ordinal) ? ex.Field : $"{prefix}.{ex.Field}";
            var at = field is not null && fieldLines is not null && fieldLines.TryGetValue(field, out var fieldLine) ? fieldLine : ex.Line ?? line;
            throw new InputException(ex.Reason, file, at, field);
        }
    }

    // Every digit: a probability entered as 0.333333333 must come back as it went out.
    private static string Number(double p) => p.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A probability as a number (0.25) or, as the CLI and POST .../forecasts take it, as text ("25%", "0.25"); written as a number.</summary>
    private sealed class ProbabilityConverter : JsonConverter<double?>
    {
        public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String => Parse(reader.GetString()),
            _ => throw Refused(new InputException("the value must be a number (0.25 for 25%).")),
        };

        public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
        {
            if (value is { } p)
            {
                writer.WriteNumberValue(p);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        private static double Parse(string? text)
        {
            try
            {
                return QuestionForecast.ParseProbability(text);
            }
            catch (InputException ex)
            {
                throw Refused(ex);
            }
        }

        // The serializer adds the place (path and line); the reason stays Peninsula's own (see Plain).
        private static JsonException Refused(InputException reason) => new(reason.Reason, reason);
    }

    private sealed class QuestionDocument
    {
        public string? Id { get; set; }

        public string? Title { get; set; }

        public string? Target { get; set; }

        public string? Filter { get; set; }

        public string? Opens { get; set; }

        public string? Closes { get; set; }

        public string? Url { get; set; }

        public string? Resolution { get; set; }

        public string? ResolvedOn { get; set; }

        public string? ResolvingEvent { get; set; }

        public List<ForecastDocument>? Forecasts { get; set; }
    }

    private sealed class ForecastDocument
    {
        public string? By { get; set; }

        public string? AsOf { get; set; }

        [JsonConverter(typeof(ProbabilityConverter))]
        public double? Probability { get; set; }

        public string? Url { get; set; }

        public string? Entered { get; set; }

        public string? Withdrawn { get; set; }
    }
}
