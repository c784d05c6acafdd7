using CrewChief.Events;

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
