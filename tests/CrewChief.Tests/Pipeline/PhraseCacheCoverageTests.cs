using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using CrewChief.Config;
using CrewChief.Demo;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Pipeline;
using CrewChief.Playback;
using CrewChief.Speech;
using CrewChief.Telemetry;
using CrewChief.Tests.Playback;
using CrewChief.Tests.Speech;

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
