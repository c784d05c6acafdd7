using CrewChief.Callouts;
using CrewChief.Radio;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Radio;

public class RadioFuelHonestyTests
{
    [Fact]
    public void FuelUsage_BeforeACleanLap_IsNotSaid()
    {
        var st = RadioFixtures.KnownState();
        st = st with { Strategy = st.Strategy with { FuelCleanLaps = 0 } };
        string text = new RadioAnswerer().Answer(RadioIntent.Fuel, st, RadioFixtures.Context()).Text;
        Assert.Contains("42.6 L", text);
        Assert.DoesNotContain("a lap", text);
        Assert.DoesNotContain("laps of fuel", text);
    }
}
