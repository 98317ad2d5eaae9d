using System.Text.RegularExpressions;
using Peninsula.Reading;
using Peninsula.Tests.Record;

namespace Peninsula.Tests.Claims;

/// <summary>The patterns of the rules are compiled ahead of time, and the generated file keeps up with the data.</summary>
public sealed class ClaimPatternsTests
{
    private const string Regenerate = "data/claims or data/gazetteer changed: run 'dotnet run -c Release --project bench/Peninsula.Benchmarks -- claim-patterns' and commit " + ClaimPatterns.GeneratedPath;

    private static IReadOnlyList<(string Pattern, RegexOptions Options, bool Generated)> Bundled()
    {
        _ = new AssertionReader(ClaimKnowledge.Bundled);
        return ClaimPatterns.Asked;
    }

    [Fact]
    public void Every_pattern_of_the_bundled_rules_is_compiled_ahead_of_time()
    {
        var missing = Bundled().Where(p => !p.Generated).Select(p => p.Pattern).ToList();
        Assert.True(missing.Count == 0, $"{Regenerate}; {missing.Count} patterns are interpreted, the first: {missing.FirstOrDefault()}");
    }

    [Fact]
    public void The_generated_file_is_what_the_bundled_rules_produce()
    {
        var path = Path.Combine(BundledRecordTests.RepositoryRoot(), ClaimPatterns.GeneratedPath);
        // Patterns other tests ask for and the file lacks are left out; the test above catches a missing one.
        var expected = ClaimPatterns.Source(Bundled().Where(p => p.Generated).Select(p => (p.Pattern, p.Options)));
        Assert.True(expected == File.ReadAllText(path).ReplaceLineEndings("\n"), Regenerate);
    }

    [Theory]
    [InlineData("It fired a KN-23 on Monday.")]
    [InlineData("It fired a kn-23 and a Hwasong-15.")]
    [InlineData("It fired a \u212AN-23 on Monday.")]
    [InlineData("It fired nothing on Monday.")]
    [InlineData("")]
    public void A_name_list_finds_what_its_pattern_finds(string text)
    {
        var systems = ClaimKnowledge.Bundled.SystemNames;
        var expected = text.Length == 0 ? "" : systems.Pattern.Match(text).Value;
        Assert.Equal(expected, systems.Match(text, 0, text.Length).Value);
        // The Kelvin sign is a k to the pattern, though not to an ordinal comparison.
        Assert.Equal(text.Contains("N-23", StringComparison.OrdinalIgnoreCase), expected.Length > 0);
    }
}
