using CrewChief.Events;

namespace CrewChief.Tests.Pipeline;

public class PhraseCacheCoverageTests
{
    [Fact]
    public void FixedPhrases_CoverEverySpotterWording_AndSkipTemplatesWithFacts()
    {
        var phrases = CrewChief.Callouts.Phrasebook.Default.FixedPhrases([EventKind.SpotterCarLeft, EventKind.SpotterClear, EventKind.FuelCritical]);
        Assert.Contains("Car left.", phrases);
        Assert.Contains("Car on your left.", phrases);
        Assert.Contains("Clear all round.", phrases);
        Assert.DoesNotContain(phrases, p => p.Contains('{'));
    }
}
