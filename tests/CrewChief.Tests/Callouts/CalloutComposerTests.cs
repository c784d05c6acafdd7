using CrewChief.Callouts;
using CrewChief.Events;

namespace CrewChief.Tests.Callouts;

public class CalloutComposerTests
{
    private static readonly System.Buffers.SearchValues<char> s_unspeakable = System.Buffers.SearchValues.Create("0123456789*_#[]");

    public static TheoryData<EventKind> Kinds()
    {
        var data = new TheoryData<EventKind>();
        foreach (var k in CalloutFixtures.AllKinds()) data.Add(k);
        return data;
    }

    private static readonly CalloutContext[] s_contexts =
    [
        CalloutFixtures.Context("BMW M4 GT3", "spa up"),
        CalloutFixtures.Context("Porsche 911 GT3 Cup (992)", "lagunaseca", lapPct: 0.55),
        CalloutFixtures.Context("Mercedes-AMG W13 E Performance", "monza full", lapPct: 0.8),
        CalloutFixtures.Context("Porsche 963 GTP", "daytona 2011 road", units: Units.Imperial),
        CalloutFixtures.Context("NASCAR Cup Series Next Gen Ford Mustang", "daytona 2011 oval", lapPct: 0.5),
        CalloutFixtures.Context("Global Mazda MX-5 Cup", "suzuka grandprix", lapPct: 0.7),
        CalloutFixtures.Context("Dallara IR18", "indianapolis oval"),
        CalloutFixtures.Context("Some Unknown Car", "Some Unknown Track"),
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Compose_EveryKindSpeaks_AndEveryPhrasingIsGrounded(EventKind kind)
    {
        var composer = new CalloutComposer(seed: 7);
        var typical = CalloutFixtures.Typical(kind);
        var bare = CalloutFixtures.Event(kind, typical.Priority);
        foreach (var ctx in s_contexts)
        {
            foreach (var e in new[] { typical, bare })
            {
                var facts = GroundingFacts.From(e, ctx);
                // Several rounds so the rotation visits every usable phrasing.
                for (int round = 0; round < 6; round++)
                {
                    Callout c = composer.Compose(e, ctx);
                    Assert.Equal(kind, c.Kind);
                    Assert.Equal(e.Priority, c.Priority);
                    Assert.False(string.IsNullOrWhiteSpace(c.Text));
                    Assert.InRange(c.WordCount, 1, CalloutComposer.MaxWords);
                    var written = GroundingCheck.Check(c.Text, facts);
                    var spoken = GroundingCheck.Check(c.Spoken, facts);
                    Assert.True(written.IsGrounded, $"{ctx.Car} at {ctx.Track}: '{c.Text}' → {written}");
                    Assert.True(spoken.IsGrounded, $"{ctx.Car} at {ctx.Track}: '{c.Spoken}' → {spoken}");
                    Assert.Equal(-1, c.Spoken.AsSpan().IndexOfAny(s_unspeakable));
                }
            }
        }
    }

    [Fact]
    public void Compose_NeverRepeatsTheSameSentenceBackToBack()
    {
        var ctx = CalloutFixtures.Context("BMW M4 GT3", "spa up");
        foreach (var kind in CalloutFixtures.AllKinds())
        {
            var composer = new CalloutComposer(seed: 3);
            var e = CalloutFixtures.Typical(kind);
            string? previous = null;
            for (int i = 0; i < 10; i++)
            {
                string text = composer.Compose(e, ctx).Text;
                Assert.NotEqual(previous, text);
                previous = text;
            }
        }
    }

    [Fact]
    public void Compose_IsDeterministicForASeed()
    {
        var ctx = CalloutFixtures.Context("Ferrari 296 GT3", "monza full");
        var a = new CalloutComposer(seed: 42);
        var b = new CalloutComposer(seed: 42);
        foreach (var kind in CalloutFixtures.AllKinds())
        {
            var e = CalloutFixtures.Typical(kind);
            Assert.Equal(a.Compose(e, ctx).Text, b.Compose(e, ctx).Text);
        }
    }

    [Theory]
    [InlineData(EventKind.SpotterCarLeft)]
    [InlineData(EventKind.SpotterCarRight)]
    [InlineData(EventKind.SpotterThreeWide)]
    [InlineData(EventKind.SpotterStillThere)]
    [InlineData(EventKind.SpotterClear)]
    public void Compose_SpotterCallsAreUltraShort(EventKind kind)
    {
        var composer = new CalloutComposer();
        var ctx = CalloutFixtures.Context("BMW M4 GT3", "spa up");
        for (int i = 0; i < 4; i++) Assert.InRange(composer.Compose(CalloutFixtures.Typical(kind), ctx).WordCount, 1, 5);
    }

    [Fact]
    public void Compose_TalksDrsOnlyInF1AndDeploymentOnlyInHybrids()
    {
        var attack = CalloutFixtures.Typical(EventKind.Attack);
        var gt3 = CalloutFixtures.Context("BMW M4 GT3", "monza full");
        var f1 = CalloutFixtures.Context("Mercedes-AMG W13 E Performance", "monza full");
        var gtp = CalloutFixtures.Context("Porsche 963 GTP", "monza full");
        var composer = new CalloutComposer();
        for (int i = 0; i < 8; i++)
        {
            string t = composer.Compose(attack, gt3).Text;
            Assert.DoesNotContain("DRS", t, StringComparison.Ordinal);
            Assert.DoesNotContain("deploy", t, StringComparison.OrdinalIgnoreCase);
        }
        // Car-aware advice ranks first: the system the car has is what the engineer mentions.
        Assert.Contains("DRS", new CalloutComposer().Compose(attack, f1).Text, StringComparison.Ordinal);
        Assert.Contains("deploy", new CalloutComposer().Compose(attack, gtp).Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Compose_SpeaksToTheMostImportantEventAndAddsASecondProblemThatFits()
    {
        var ctx = CalloutFixtures.Context("Porsche 911 GT3 R (992)", "spa up", position: 6);
        RaceEvent[] batch =
        [
            CalloutFixtures.Event(EventKind.LapsToGo, Priority.Low, (FactKey.LapsRemaining, 10), (FactKey.Position, 6)),
            CalloutFixtures.Event(EventKind.FuelCritical, Priority.Critical, (FactKey.FuelLapsLeft, 1.4), (FactKey.LapsRemaining, 10)),
            CalloutFixtures.Event(EventKind.TyreWearCritical, Priority.Critical, (FactKey.TyreCorner, 0), (FactKey.TyreWear, 82), (FactKey.LapsRemaining, 10)),
        ];
        Callout c = new CalloutComposer().Compose(batch, ctx);
        Assert.Equal(EventKind.FuelCritical, c.Kind);
        Assert.Contains("Box", c.Text, StringComparison.Ordinal);
        Assert.Contains("82%", c.Text, StringComparison.Ordinal);
        Assert.InRange(c.WordCount, 1, CalloutComposer.MaxWords);
        Assert.True(GroundingCheck.Check(c.Text, GroundingFacts.From(batch, ctx)).IsGrounded);
    }

    [Fact]
    public void Compose_ExpiryComesFromTheEvent()
    {
        var e = CalloutFixtures.Typical(EventKind.Defend);
        Callout c = new CalloutComposer().Compose(e, CalloutFixtures.Context("BMW M4 GT3", "spa up"));
        Assert.Equal(e.RaisedAt, c.RaisedAt);
        Assert.Equal(e.RaisedAt + (long)(e.TimeToLive * System.Diagnostics.Stopwatch.Frequency), c.ExpiresAt);
        Assert.False(c.IsExpired(e.RaisedAt));
        Assert.True(c.IsExpired(c.ExpiresAt + 1));
    }
}
