using CrewChief.Config;
using CrewChief.Events;

namespace CrewChief.Tests.Config;

public class TomlDocumentTests
{
    [Fact]
    public void Parse_TablesScalarsArraysAndComments()
    {
        var doc = TomlDocument.Parse("""
            # top comment
            name = "CrewChief"   # trailing
            [llm]
            gpu_layers = -1
            deadline_ms = 1_000
            ratio = 0.25
            on = true
            path = 'C:\Models\x.gguf'
            list = [1, 2,
                    3]   # multi-line
            [a.b]
            "quoted key" = "tab\tend"
            """);
        Assert.True(doc.TryGet("name", out var name));
        Assert.Equal("CrewChief", name.String);
        Assert.True(doc.TryGet("llm.gpu_layers", out var layers));
        Assert.Equal(-1, layers.Integer);
        doc.TryGet("llm.deadline_ms", out var deadline);
        Assert.Equal(1000, deadline.Integer);
        doc.TryGet("llm.ratio", out var ratio);
        Assert.Equal(TomlKind.Float, ratio.Kind);
        Assert.Equal(0.25, ratio.Float);
        doc.TryGet("llm.on", out var on);
        Assert.True(on.Boolean);
        doc.TryGet("llm.path", out var path);
        Assert.Equal(@"C:\Models\x.gguf", path.String);
        doc.TryGet("llm.list", out var list);
        Assert.Equal(3, list.Array!.Count);
        doc.TryGet("a.b.quoted key", out var quoted);
        Assert.Equal("tab\tend", quoted.String);
    }

    [Theory]
    [InlineData("a = \n", 1, 5, "expected a value")]
    [InlineData("[t]\nkey value\n", 2, 5, "expected '='")]
    [InlineData("x = \"open\n", 1, 5, "not closed")]
    [InlineData("v = hello\n", 1, 5, "put text in quotes")]
    [InlineData("p = \"C:\\models\"\n", 1, 8, "unknown escape")]
    [InlineData("a = 1\na = 2\n", 2, 5, "defined twice")]
    [InlineData("a = 1 2\n", 1, 7, "unexpected")]
    [InlineData("a = [1, 2\n", 1, 5, "not closed")]
    public void Parse_BadInput_OneLineWithFileLineColumn(string text, int line, int column, string what)
    {
        var e = Assert.Throws<InputException>(() => TomlDocument.Parse(text, "cc.toml"));
        Assert.StartsWith($"cc.toml:{line}:{column}: ", e.Message);
        Assert.Contains(what, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
