namespace CrewChief.Tests.Brain;
public class DebugDump
{
    [Fact]
    public void Dump()
    {
        var race = new ScriptedRace();
        race.Run(2);
        Assert.Fail(string.Join("; ", race.Events.Select(e => $"{e.SessionTime:F2} {e.Kind} {e.Priority} [{string.Join(",", Enumerable.Range(0, e.Facts.Count).Select(i => e.Facts[i].Key + "=" + e.Facts[i].Value))}]")));
    }
}
