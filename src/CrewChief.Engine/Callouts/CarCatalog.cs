using System.Diagnostics.CodeAnalysis;

namespace CrewChief.Callouts;

/// <summary>
/// The iRacing cars the engine knows (Data/cars.txt). Lookup is by CarScreenName or CarPath, case- and
/// punctuation-insensitive; a partial name matches only when exactly one car fits, because a wrong car would make
/// the advice wrong (DRS talk in a GT3), which is worse than generic advice.
/// </summary>
public sealed class CarCatalog
{
    private static CarCatalog? s_default;

    private readonly List<CarInfo> _cars;
    private readonly Dictionary<string, CarInfo> _byKey;
    private readonly string[] _normalisedNames;

    private CarCatalog(List<CarInfo> cars)
    {
        _cars = cars;
        _byKey = new Dictionary<string, CarInfo>(cars.Count * 2, StringComparer.Ordinal);
        _normalisedNames = new string[cars.Count];
        for (int i = 0; i < cars.Count; i++)
        {
            _normalisedNames[i] = EmbeddedData.Normalise(cars[i].ScreenName);
            _byKey.TryAdd(_normalisedNames[i], cars[i]);
            if (cars[i].Path.Length > 0) _byKey.TryAdd(EmbeddedData.Normalise(cars[i].Path), cars[i]);
        }
    }

    /// <summary>The catalog shipped in the engine; parsed on first use.</summary>
    public static CarCatalog Default => s_default ??= Parse(EmbeddedData.ReadLines("cars.txt"));

    public IReadOnlyList<CarInfo> Cars => _cars;

    /// <summary>Finds a car by CarScreenName, CarPath or a name that fits exactly one car.</summary>
    public bool TryFind(string? nameOrPath, [MaybeNullWhen(false)] out CarInfo car)
    {
        car = null;
        if (string.IsNullOrWhiteSpace(nameOrPath)) return false;
        string key = EmbeddedData.Normalise(nameOrPath);
        if (key.Length == 0) return false;
        if (_byKey.TryGetValue(key, out car)) return true;
        if (key.Length < 4) return false;

        // Containment either way ("Porsche 911 GT3 R" inside "Porsche 911 GT3 R (992)", or a screen name with a
        // livery suffix); ambiguity means no match.
        CarInfo? found = null;
        for (int i = 0; i < _cars.Count; i++)
        {
            string name = _normalisedNames[i];
            bool fits = name.Contains(key, StringComparison.Ordinal)
                || (name.Length >= 6 && key.Contains(name, StringComparison.Ordinal));
            if (!fits) continue;
            if (found is not null && !ReferenceEquals(found, _cars[i])) return false;
            found = _cars[i];
        }
        car = found;
        return car is not null;
    }

    /// <summary>The car, or an unknown car with no traits.</summary>
    public CarInfo FindOrUnknown(string? nameOrPath) =>
        TryFind(nameOrPath, out var car) ? car : CarInfo.Unknown(nameOrPath ?? "");

    /// <summary>One line per car: screen name | path | class | traits (comma list) | tyre wear (low/medium/high).</summary>
    internal static CarCatalog Parse(List<string> lines)
    {
        var cars = new List<CarInfo>(lines.Count);
        foreach (string line in lines)
        {
            string[] f = line.Split('|');
            if (f.Length != 5) throw new FormatException($"cars.txt: expected 5 fields: {line}");
            var traits = CarTraits.None;
            foreach (string word in f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!CarInfo.TryParseTrait(word, out var t)) throw new FormatException($"cars.txt: unknown trait '{word}'");
                traits |= t;
            }
            var wear = f[4].Trim() switch
            {
                "low" => TyreWearTendency.Low,
                "high" => TyreWearTendency.High,
                _ => TyreWearTendency.Medium,
            };
            cars.Add(new CarInfo(f[0].Trim(), f[1].Trim(), f[2].Trim(), traits, wear));
        }
        return new CarCatalog(cars);
    }
}
