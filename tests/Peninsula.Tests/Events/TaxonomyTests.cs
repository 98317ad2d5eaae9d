using Peninsula.Events;

namespace Peninsula.Tests.Events;

public class TaxonomyTests
{
    [Fact]
    public void Kinds_are_written_as_kebab_case_slugs()
    {
        Assert.Equal("missile-launch", EventKind.MissileLaunch.Slug());
        Assert.Equal("nuclear-test", EventKind.NuclearTest.Slug());
        Assert.Equal("dmz-incursion", EventKind.DmzIncursion.Slug());
    }

    [Fact]
    public void An_unknown_kind_is_refused_with_the_list_of_valid_kinds()
    {
        var error = Assert.Throws<InputException>(() => Taxonomy.ParseKind("rocket"));
        Assert.Contains("'rocket' is not a kind", error.Message);
        foreach (var slug in Taxonomy.KindSlugs)
        {
            Assert.Contains(slug, error.Message);
        }
    }

    [Fact]
    public void The_taxonomy_covers_the_kinds_and_missile_classes_the_record_needs()
    {
        string[] kinds =
        [
            "missile-launch", "nuclear-test", "nuclear-milestone", "engine-test", "conventional-incident", "dmz-incursion",
            "cyber-operation", "terror", "hybrid", "diplomatic-visit", "summit", "talks", "agreement", "statement", "sanction",
            "military-exercise", "show-of-force", "election", "anniversary",
        ];
        Assert.All(kinds, k => Assert.True(Taxonomy.TryParseKind(k, out _), k));
        Assert.Equal(["srbm", "crbm", "mrbm", "irbm", "icbm", "slbm", "hgv", "cruise", "slv", "sam", "unknown"], Taxonomy.MissileClasses);
        Assert.Contains("un-resolution", Taxonomy.ClassesOf(EventKind.Sanction));
        Assert.Contains("trilateral", Taxonomy.ClassesOf(EventKind.MilitaryExercise));
    }

    [Fact]
    public void Cruise_and_surface_to_air_missiles_are_not_ballistic()
    {
        Assert.False(Taxonomy.IsBallisticLaunch(Sample.Launch() with { Class = "cruise" }));
        Assert.False(Taxonomy.IsBallisticLaunch(Sample.Launch() with { Class = "sam" }));
        Assert.True(Taxonomy.IsBallisticLaunch(Sample.Launch() with { Class = "slv" }));
    }
}
