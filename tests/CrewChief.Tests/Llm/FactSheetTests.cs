using CrewChief.Events;
using CrewChief.Llm;

namespace CrewChief.Tests.Llm;

public sealed class FactSheetTests
{
    [Fact]
    public void Build_GapEvent_KindPriorityFactsWithUnits()
    {
        var facts = new FactSet();
        facts.Set(FactKey.GapAhead, 1.234);
        facts.Set(FactKey.ClosingRate, 0.3);
        facts.Set(FactKey.Position, 4);
        var e = new RaceEvent(EventKind.GapClosing, Priority.High, 0, 0, 10, facts);
        Assert.Equal("event: gap closing (high). facts: gap ahead 1.23 s; closing rate 0.3 s/lap; position 4", FactSheet.Build(e));
    }

    [Fact]
    public void Build_SpeedInMetresPerSecond_SpokenAsKilometresPerHour()
    {
        var facts = new FactSet();
        facts.Set(FactKey.Speed, 22.5);
        facts.Set(FactKey.PitSpeedLimit, 22.22);
        var e = new RaceEvent(EventKind.PitLimiterMissing, Priority.Critical, 0, 0, 10, facts);
        Assert.Equal("event: pit limiter missing (critical). facts: speed 81 km/h; pit speed limit 80 km/h", FactSheet.Build(e));
    }
}
