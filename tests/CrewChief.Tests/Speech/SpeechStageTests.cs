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
}
