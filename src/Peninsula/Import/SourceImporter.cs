namespace Peninsula.Import;

/// <summary>
/// Reads one source's files in that source's own layout into an <see cref="ImportBatch"/>. A
/// bad row is a <see cref="Rejection"/> with its line and field; a file that cannot be read at
/// all (wrong header, not the format) throws an <see cref="InputException"/>.
/// </summary>
public abstract class SourceImporter
{
    /// <summary>The name to ask for it by (<c>--format cns</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The version of the importer's rules; bumped when they change what is read.</summary>
    public abstract int Version { get; }

    /// <summary>What it reads, for the help text.</summary>
    public abstract string Description { get; }

    /// <summary>The file name endings it reads when given a folder (e.g. <c>.export.CSV</c>).</summary>
    public abstract IReadOnlyList<string> Extensions { get; }

    /// <summary>Name and version, as stored in provenance: <c>cns/1</c>.</summary>
    public string Tag => $"{Name}/{Version}";

    /// <summary>Reads one file.</summary>
    public abstract ImportBatch Read(string path, CancellationToken cancellationToken = default);

    /// <summary>The provenance of one record of a file.</summary>
    protected Provenance At(string path, string record) =>
        new(Tag, path.Contains("://", StringComparison.Ordinal) ? path : Path.GetFileName(path), record);
}

/// <summary>The importers, by name.</summary>
public static class SourceImporters
{
    /// <summary>Every importer of a source's own layout.</summary>
    public static readonly IReadOnlyList<SourceImporter> All =
    [
        new CnsImporter(),
        new ReferenceMissilesImporter(),
        new ReferenceProvocationsImporter(),
        new GdeltImporter(),
        new KcnaImporter(),
        new FeedImporter(),
    ];

    /// <summary>An importer by name, ignoring case, or an <see cref="InputException"/> that lists them.</summary>
    public static SourceImporter Find(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InputException($"'{name}' is not an import format. Formats: json, csv, {string.Join(", ", All.Select(i => i.Name))}.", field: "--format");

    /// <summary>
    /// The files to read for the given paths: a file as it is, a folder as every file in it
    /// (not below) whose name ends with one of the importer's endings, in name order.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, SourceImporter importer)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(importer);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path)
                    .Where(f => importer.Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    throw new InputException($"the folder holds no {string.Join(" or ", importer.Extensions)} files for the {importer.Name} importer.", path);
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new InputException("there is no such file or folder.", path);
            }
        }

        return files;
    }
}
