using System.CommandLine;
using Peninsula.Events;
using Spectre.Console;

namespace Peninsula.Cli;

/// <summary>The options several commands share, and their reading into library types.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = $"The store: a SQLite file path, or a PostgreSQL database as \"Host=...;Database=...\" or postgres://user@host/database. Default: ${Storage.EventStores.EnvironmentVariable}, else ./{Storage.EventStores.DefaultLocation}.",
        Recursive = true,
    };

    public static Option<string> Format(string defaultFormat, params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", formats)}.",
            DefaultValueFactory = _ => defaultFormat,
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>
    /// The format an export writes: <c>--format</c> when given; else the extension of the file named
    /// by <c>--output</c> when it is one of <paramref name="formats"/> (out.csv: csv); else the
    /// default. A <c>--format</c> that contradicts the file's extension is refused: the file would be
    /// read back by its extension and fail.
    /// </summary>
    public static string ExportFormat(ParseResult parse, Option<string> format, string? path, params string[] formats)
    {
        var extension = path is null ? null : Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        var named = extension is not null && formats.Contains(extension) ? extension : null;
        if (parse.GetResult(format) is not { Implicit: false })
        {
            return named ?? parse.GetValue(format)!;
        }

        var given = parse.GetValue(format)!;
        return named is null || named == given
            ? given
            : throw new InputException($"--format {given} would write {given.ToUpperInvariant()} into '{path}', whose name says {named.ToUpperInvariant()} (and an import reads it as such): leave out --format, or name the file .{given}.", field: "--format");
    }

    /// <summary>
    /// Writes an export: to the standard output, or to <paramref name="path"/> whole or not at all
    /// (beside it first, then moved into place, so that a failed export never leaves half a file
    /// where a whole one was), then says what it wrote (<paramref name="what"/>) and where.
    /// </summary>
    public static void WriteExport(CliContext context, string? path, Action<TextWriter> write, string what)
    {
        if (path is null)
        {
            write(context.RawOut);
            return;
        }

        var temporary = path + ".partial";
        using (var file = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
        {
            write(file);
        }

        File.Move(temporary, path, overwrite: true);
        context.Error.MarkupLine($"[grey]Wrote {what} to {Markup.Escape(path)}.[/]");
    }

    /// <summary>The filter options of <c>events list</c>, shared with <c>stats</c> and <c>export</c>.</summary>
    internal sealed class Filter
    {
        public Option<string[]> Kind { get; } = new("--kind", "-k")
        {
            Description = "Kinds of event (repeat or separate with commas), e.g. missile-launch,nuclear-test.",
            AllowMultipleArgumentsPerToken = true,
        };

        public Option<string[]> Class { get; } = new("--class", "-c")
        {
            Description = "Classes (repeat or separate with commas), e.g. icbm,irbm or un-resolution.",
            AllowMultipleArgumentsPerToken = true,
        };

        public Option<string?> System { get; } = new("--system", "-s") { Description = "A weapon system by name or alias, e.g. KN-23 or Hwasong-19." };

        public Option<string?> Actor { get; } = new("--actor", "-a") { Description = "An actor code: DPRK, ROK, US, JP, CN, RU, UN, EU, UK." };

        public Option<string?> Since { get; } = new("--since") { Description = "Events ending on or after this Korean date (YYYY-MM-DD)." };

        public Option<string?> Until { get; } = new("--until") { Description = "Events starting on or before this Korean date (YYYY-MM-DD)." };

        public Option<string?> Text { get; } = new("--text", "-t") { Description = "Words to find in titles, summaries, systems and people." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Kind, Class, System, Actor, Since, Until, Text })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>Reads the options into a query; a bad value throws an <see cref="InputException"/> that says what is valid.</summary>
        public EventQuery Read(ParseResult parse) =>
            EventFilter.FromFields(
                parse.GetValue(Kind), parse.GetValue(Class), parse.GetValue(System), parse.GetValue(Actor),
                parse.GetValue(Since), parse.GetValue(Until), parse.GetValue(Text), name => "--" + name);
    }
}
