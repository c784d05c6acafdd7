using System.Threading.Channels;
using CrewChief.Events;
using CrewChief.Speech;
using CrewChief.Tools.Speech.Dev;

namespace CrewChief.Tests.Speech;

public sealed class SpeechStageTests
{
    [Fact]
    public async Task TryEnqueue_TwoRequests_StreamsTheirChunksTaggedAndInOrder()
    {
        SpeechNatives.RequireOnnxRuntime();
        SpeechNatives.RequireEspeak();
        Assert.True(PiperPhonemizer.TryCreate(out PiperPhonemizer? phonemizer, out string error), error);
        var options = new SpeechOptions();
        var config = PiperVoiceConfig.Parse(TinyPiperModel.BuildConfig(new()), "tiny.onnx.json");
        using var synth = new PiperSynthesizer(PiperVoice.FromModel(TinyPiperModel.Build(new()), config, options), phonemizer!, options);
        var audio = Channel.CreateUnbounded<AudioChunk>();
        var target = new ChannelAudioTarget(audio.Writer);
        using (var stage = new SpeechStage(synth))
        {
            Assert.True(stage.TryEnqueue(new SpeechRequest(7, "Fuel is low. Box this lap.", Priority.High, target)));
            Assert.True(stage.TryEnqueue(new SpeechRequest(8, "Car left.", Priority.Spotter, target)));
            var chunks = new List<AudioChunk>();
            var ct = TestContext.Current.CancellationToken;
            // Request 8 may preempt request 7 between its sentences; either way 8 arrives complete and last.
            while (chunks.Count == 0 || !(chunks[^1].Utterance == 8 && chunks[^1].IsLast))
                chunks.Add(await audio.Reader.ReadAsync(ct));
            Assert.All(chunks, c => Assert.Contains(c.Utterance, (long[])[7, 8]));
            Assert.Equal(Priority.Spotter, chunks[^1].Priority);
            Assert.Equal(0, chunks.First(c => c.Utterance == 8).Sentence);
            Assert.Null(stage.LastError);
        }
    }

    [Fact]
    public async Task HoldBack_RoutineWaitsAsText_UrgentPreemptsIt_AndItSpeaksOncePlaybackHasRoom()
    {
        SpeechNatives.RequireEspeak();
        Assert.True(EspeakSynthesizer.TryCreate(new SpeechOptions { WarmPhraseCache = false }, out EspeakSynthesizer? synth, out string error), error);
        var ct = TestContext.Current.CancellationToken;
        bool full = true;
        int asked = 0;
        var held = Channel.CreateUnbounded<AudioChunk>();
        var urgent = Channel.CreateUnbounded<AudioChunk>();
        var later = Channel.CreateUnbounded<AudioChunk>();
        using (synth)
        using (var stage = new SpeechStage(synth!, holdBack: _ => { Interlocked.Increment(ref asked); return Volatile.Read(ref full); }))
        {
            Assert.True(stage.TryEnqueue(new SpeechRequest(1, "Gap to the car behind is two seconds.", Priority.Medium, new ChannelAudioTarget(held.Writer))));
            // Playback is full: the routine request waits, unsynthesised, until something more urgent comes.
            while (Volatile.Read(ref asked) < 2) await Task.Delay(10, ct);
            Assert.True(stage.TryEnqueue(new SpeechRequest(2, "Fuel critical, box now.", Priority.Critical, new ChannelAudioTarget(urgent.Writer))));
            AudioChunk dropped = await held.Reader.ReadAsync(ct);
            Assert.True(dropped.IsLast);
            Assert.Empty(dropped.Samples);
            // A critical request is never held.
            AudioChunk first = await urgent.Reader.ReadAsync(ct);
            Assert.NotEmpty(first.Samples);
            // Room in playback: the next routine request is spoken.
            Assert.True(stage.TryEnqueue(new SpeechRequest(3, "Pace is good.", Priority.Medium, new ChannelAudioTarget(later.Writer))));
            while (Volatile.Read(ref asked) < 4) await Task.Delay(10, ct);
            Volatile.Write(ref full, false);
            AudioChunk spoken = await later.Reader.ReadAsync(ct);
            Assert.NotEmpty(spoken.Samples);
            Assert.True(spoken.IsLast);
            Assert.Null(stage.LastError);
        }
    }
}
