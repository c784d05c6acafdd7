using System.Text;
using System.Text.Json;
using CrewChief.Speech;

namespace CrewChief.Tools.Speech.Dev;

/// <summary>Writes a Piper-style .onnx.json for generated voices, with an en-us style phoneme id map.</summary>
internal static class VoiceConfigWriter
{
    /// <summary>Piper's specials and punctuation first (ids 0–13 as in its en-us voices), then letters and IPA symbols.</summary>
    private const string Symbols =
        "_^$ !'(),-.:;?" +
        "abcdefghijklmnopqrstuvwxyz" +
        "æçðøħŋœǀǁǂǃɐɑɒɓɔɕɖɗɘəɚɛɜɞɟɠɡɢɣɤɥɦɧɨɪɫɬɭɮɯɰɱɲɳɴɵɶɸɹɺɻɽɾʀʁʂʃʄʈʉʊʋʌʍʎʏʐʑʒʔʕʘʙʛʜʝʟʡʢʲˈˌːˑ˞βθχᵻⱱ" +
        "0123456789\u0327\u0303\u031A\u0329\u025D\u02A4\u02A7";

    public static byte[] Write(int sampleRate, string espeakVoice, int speakers, string dataset)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("audio");
            w.WriteNumber("sample_rate", sampleRate);
            w.WriteString("quality", dataset);
            w.WriteEndObject();
            w.WriteStartObject("espeak");
            w.WriteString("voice", espeakVoice);
            w.WriteEndObject();
            w.WriteStartObject("inference");
            w.WriteNumber("noise_scale", 0.667);
            w.WriteNumber("length_scale", 1);
            w.WriteNumber("noise_w", 0.8);
            w.WriteEndObject();
            w.WriteString("phoneme_type", "espeak");
            w.WriteStartObject("phoneme_id_map");
            int id = 0;
            foreach (Rune r in Symbols.EnumerateRunes())
            {
                w.WriteStartArray(r.ToString());
                w.WriteNumberValue(id++);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteNumber("num_symbols", 256);
            w.WriteNumber("num_speakers", speakers);
            w.WriteStartObject("speaker_id_map");
            for (int s = 0; s < speakers && speakers > 1; s++) w.WriteNumber($"speaker{s}", s);
            w.WriteEndObject();
            w.WriteString("dataset", dataset);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }
}
