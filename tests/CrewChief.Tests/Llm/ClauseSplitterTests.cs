using CrewChief.Llm;

namespace CrewChief.Tests.Llm;

public sealed class ClauseSplitterTests
{
    private static List<string> Split(params string[] pieces)
    {
        var splitter = new ClauseSplitter();
        var clauses = new List<string>();
        foreach (string piece in pieces)
        {
            splitter.Append(piece);
            while (splitter.TryTakeClause(out string c)) clauses.Add(c);
        }
        if (splitter.TryTakeRest(out string rest)) clauses.Add(rest);
        return clauses;
    }

    [Fact]
    public void TryTakeClause_CommaAndFullStop_SplitWhenTheSpaceArrives()
    {
        var splitter = new ClauseSplitter();
        splitter.Append("Box this lap,");
        Assert.False(splitter.TryTakeClause(out _));  // "1,2" could still follow
        splitter.Append(" fuel");
        Assert.True(splitter.TryTakeClause(out string clause));
        Assert.Equal("Box this lap,", clause);
    }

    [Fact]
    public void Split_DecimalPoint_IsNotAClauseEnd()
    {
        Assert.Equal(["Gap is 1.2 seconds.", "Push."], Split("Gap is 1", ".", "2 sec", "onds. Pu", "sh."));
    }

    [Fact]
    public void Split_TokensCutAnywhere_SameClauses()
    {
        Assert.Equal(["Clear left,", "still two wide!", "Hold it?"], Split("Cl", "ear left", ", st", "ill two wide! H", "old it?"));
    }
}
