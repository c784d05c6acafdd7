using CrewChief.Events;

namespace CrewChief.Tests.Events;

public class FactSetTests
{
    [Fact]
    public void Set_ReplacesExistingKey_AndCapsAtCapacity()
    {
        var facts = new FactSet();
        Assert.True(facts.Set(FactKey.Position, 4));
        Assert.True(facts.Set(FactKey.Position, 3));
        Assert.Equal(1, facts.Count);
        Assert.Equal(3, facts.GetOrDefault(FactKey.Position));
        for (int i = 0; i < FactSet.Capacity - 1; i++) Assert.True(facts.Set((FactKey)(10 + i), i));
        Assert.False(facts.Set(FactKey.AirTemp, 1));
        Assert.False(facts.Contains(FactKey.AirTemp));
    }
}
