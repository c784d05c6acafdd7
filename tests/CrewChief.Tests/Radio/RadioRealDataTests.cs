using System.Globalization;
using CrewChief.Radio;
using CrewChief.Tests.Events;

namespace CrewChief.Tests.Radio;

/// <summary>
/// `ask --replay FILE --at S` on real recordings in ../shared/telemetry/ibt: the fuel the engineer says is the
/// fuel the sim recorded at that moment, read by the tests' own tiny .ibt reader (not the project's).
/// </summary>
public class RadioRealDataTests
{
    [Theory]
    [InlineData("skmodified_langley_2015-05-28_14-46-23.ibt", 30)]
    [InlineData("silverado-truck_bristol.ibt", 20)]
    [InlineData("audi-r8-gt3_indianapolis-road.ibt", 25)]
    public void FuelAnswer_IsTheRecordedFuel_AtThatMoment(string file, double seconds)
    {
        string path = SharedData.RequireTelemetry(Path.Combine("ibt", file));
        var (state, ctx) = RadioStateProbe.FromReplay(path, seconds);
        Assert.True(state.InWorld, "the probe stopped on an in-world record");

        float? recorded = null;
        foreach (var f in MiniIbt.Read(path))
        {
            if (f.SessionTime == state.Strategy.SessionTime) { recorded = f.FuelLevel; break; }
        }
        Assert.True(recorded is not null, $"no record at session time {state.Strategy.SessionTime}");

        var answer = new RadioAnswerer().Answer(RadioIntent.Fuel, state, ctx);
        string expected = Math.Round(recorded!.Value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + " L";
        string alt = ((double)recorded.Value).ToString("0.0", CultureInfo.InvariantCulture) + " L";
        Assert.True(answer.Text.Contains(expected) || answer.Text.Contains(alt), $"'{answer.Text}' vs recorded {recorded} L");
    }
}
