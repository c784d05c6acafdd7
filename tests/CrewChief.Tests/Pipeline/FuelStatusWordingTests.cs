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

public class FuelStatusWordingTests
{
    [Fact]
    public void FuelToFinish_WithASaveNeeded_SaysTight_NeverFine()
    {
        var composer = new CrewChief.Callouts.CalloutComposer();
        var ctx = new CrewChief.Callouts.CalloutContext(CrewChief.Callouts.CarInfo.Unknown(""), CrewChief.Callouts.TrackInfo.Unknown("", false));
        var facts = new FactSet();
        facts.Set(FactKey.FuelLapsLeft, 2.3);
        facts.Set(FactKey.LapsRemaining, 2);
        facts.Set(FactKey.FuelToFinish, 6.1);
        facts.Set(FactKey.FuelSavePerLap, 0.11);
        for (int i = 0; i < 6; i++)
        {
            string text = composer.Compose(new RaceEvent(EventKind.FuelToFinish, Priority.Medium, 0, 0, 10, facts), ctx).Text;
            Assert.Contains("ight", text);
            Assert.DoesNotContain("fine", text);
            Assert.DoesNotContain("good", text);
        }
    }
}
