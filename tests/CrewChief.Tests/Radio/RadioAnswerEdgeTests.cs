using CrewChief.Callouts;
using CrewChief.Radio;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Radio;

public class RadioAnswerEdgeTests
{
    [Fact]
    public void FuelToAdd_UnderALitre_IsNeverAddZero()
    {
        var st = RadioFixtures.KnownState();
        st = st with { Strategy = st.Strategy with { Fuel = new CrewChief.Strategy.FuelPlan(2.83, 15.05, 53.9, 0.3, 1, 14, 19, double.NaN) } };
        var ctx = RadioFixtures.Context();
        foreach (var intent in new[] { RadioIntent.FuelToAdd, RadioIntent.FuelToEnd, RadioIntent.PitWindow })
        {
            string text = new RadioAnswerer().Answer(intent, st, ctx).Text;
            Assert.DoesNotContain(" 0 L", text);
        }
    }
}
