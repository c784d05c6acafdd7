using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Llm;
using CrewChief.Pipeline;
using CrewChief.Radio;
using CrewChief.Tests.Llm;

namespace CrewChief.Tests.Radio;

/// <summary>
/// Radio answers rephrased by the LLM through the callouts' rewriter and guard: a grounded rewrite replaces the
/// template answer, anything else (guard failure, drop, timeout) keeps it; commands and unknowns never go to the
/// LLM. A fake rewriter drives each verdict; the real worker runs on the tiny random-weight model.
/// </summary>
public class RadioRephraseTests
{
    private sealed class FakeRewriter(Action<Callout, GroundingFacts, ICalloutVoice>? answer) : ICalloutRewriter
    {
        public readonly List<(Callout Draft, GroundingFacts Facts)> Submitted = [];
        public ICalloutVoice? Pending;
        public int Cancels;

        public void Submit(in RaceEvent e, Callout draft, GroundingFacts facts, ICalloutVoice voice)
        {
            Submitted.Add((draft, facts));
            Pending = voice;
            answer?.Invoke(draft, facts, voice);
        }

        public void CancelInFlight() => Cancels++;
    }

    private static RadioStation Station(ICalloutRewriter rewriter, TimeSpan timeout, RadioState? state = null)
    {
        var radio = new DriverRadio();
        radio.Publish(state ?? RadioFixtures.KnownState());
        var ctx = RadioFixtures.Context();
        return new RadioStation(radio, null, () => ctx) { Rephraser = new RadioRephraser(rewriter, timeout) };
    }

    private static string Template(RadioIntent intent)
    {
        var radio = new DriverRadio();
        radio.Publish(RadioFixtures.KnownState());
        var ctx = RadioFixtures.Context();
        using var station = new RadioStation(radio, null, () => ctx);
        return station.AskIntent(intent).Answer.Text;
    }

    [Fact]
    public void AGroundedRewrite_IsSaid_AndTheDraftAndFactsWentToTheRewriter()
    {
        var fake = new FakeRewriter((draft, facts, voice) =>
        {
            voice.Speak("Forty two point six litres, fifteen laps of it.");
            voice.Done("llm", "grounded", "42.6 L left, 15 laps of it.", 12.5);
        });
        using var station = Station(fake, TimeSpan.FromSeconds(2));
        var x = station.AskIntent(RadioIntent.Fuel);

        Assert.Equal("llm", x.Answer.Source);
        Assert.Equal("grounded", x.Answer.LlmVerdict);
        Assert.Equal(12.5, x.Answer.LlmMs);
        Assert.Equal("42.6 L left, 15 laps of it.", x.Answer.Text);
        Assert.Equal("Forty two point six litres, fifteen laps of it.", x.Answer.Spoken);
        var (draft, facts) = Assert.Single(fake.Submitted);
        Assert.Equal(Template(RadioIntent.Fuel), draft.Text);
        Assert.True(GroundingCheck.Check(draft.Text, facts).IsGrounded); // the guard's facts hold the answer's numbers
        Assert.False(GroundingCheck.Check("99.9 L left.", facts).IsGrounded);
        // "Say again" repeats what was said, the rephrased words.
        Assert.Equal(x.Answer.Text, station.AskIntent(RadioIntent.RepeatLast).Answer.Text);
    }

    [Theory]
    [InlineData("composer", "fallback:guard")]
    [InlineData("llm+composer", "grounded")]
    [InlineData("composer", "dropped:newer")]
    public void AnyOtherVerdict_KeepsTheTemplateAnswer(string source, string verdict)
    {
        var fake = new FakeRewriter((draft, _, voice) => voice.Done(source, verdict, "Gap ahead 9.99.", 30, "number 9.99 not in the facts"));
        using var station = Station(fake, TimeSpan.FromSeconds(2));
        var x = station.AskIntent(RadioIntent.GapAhead);
        Assert.Equal("template", x.Answer.Source);
        Assert.Equal(verdict, x.Answer.LlmVerdict);
        Assert.Equal(Template(RadioIntent.GapAhead), x.Answer.Text);
    }

    [Fact]
    public void ASlowModel_TimesOut_IsCancelled_AndTheTemplateIsSaid()
    {
        var fake = new FakeRewriter(null); // never answers
        using var station = Station(fake, TimeSpan.FromMilliseconds(100));
        var x = station.AskIntent(RadioIntent.Position);
        Assert.Equal("template", x.Answer.Source);
        Assert.Equal("fallback:timeout", x.Answer.LlmVerdict);
        Assert.Equal(Template(RadioIntent.Position), x.Answer.Text);
        Assert.Equal(1, fake.Cancels);
        fake.Pending!.Done("llm", "grounded", "late", 5000); // the late verdict is ignored, harmlessly
    }

    [Fact]
    public void CommandsAndUnknowns_NeverGoToTheLlm()
    {
        var fake = new FakeRewriter((_, _, voice) => voice.Done("llm", "grounded", "rephrased", 1));
        using (var station = Station(fake, TimeSpan.FromSeconds(1)))
        {
            Assert.Equal("template", station.AskIntent(RadioIntent.KeepQuiet).Answer.Source);
            Assert.Equal("template", station.AskText("banana hammock").Answer.Source);
        }
        using (var empty = Station(fake, TimeSpan.FromSeconds(1), RadioState.Unknown))
            Assert.Equal(RadioAnswerer.DontHaveThat, empty.AskIntent(RadioIntent.Fuel).Answer.Text);
        Assert.Empty(fake.Submitted);
    }

    [Fact]
    public void TheRealWorker_OnTheTinyModel_SaysOnlyGroundedWordsOrTheTemplate()
    {
        TinyModel.RequireNatives();
        Assert.True(LlmCalloutWriter.TryCreate(new LlmOptions { ModelPath = TinyModel.Path, Deadline = TimeSpan.FromSeconds(20), Threads = 1 }, out var writer, out string error), error);
        using (writer)
        using (var worker = new LlmWorker(writer!))
        using (var station = Station(worker, TimeSpan.FromSeconds(25)))
        {
            foreach (var intent in new[] { RadioIntent.Fuel, RadioIntent.GapAhead, RadioIntent.Weather })
            {
                var a = station.AskIntent(intent).Answer;
                Assert.NotNull(a.LlmVerdict);
                if (a.Source == "llm") Assert.True(GroundingCheck.Check(a.Text, a.Draft!.Facts).IsGrounded, $"{intent}: '{a.Text}' is not grounded");
                else Assert.Equal(Template(intent), a.Text);
            }
        }
    }
}
