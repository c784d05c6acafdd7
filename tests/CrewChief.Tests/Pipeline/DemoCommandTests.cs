namespace CrewChief.Tests.Pipeline;

public class DemoCommandTests
{
    [Fact]
    public async Task RealTimeDemo_EndsByItself_WhenTheRaceIsOver()
    {
        string logDir = Directory.CreateTempSubdirectory("cc-democmd").FullName;
        var run = Task.Run(() => CrewChief.App.Commands.CommandTable.Dispatch(
            ["demo", "--minutes", "5", "--speed", "200", "--text-only", "--log-dir", logDir]), TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken));
        Assert.True(first == run, "the demo did not exit after the chequered flag");
        Assert.Equal(0, await run);
        Assert.Single(Directory.GetFiles(logDir, "*.jsonl.gz"));
    }
}
