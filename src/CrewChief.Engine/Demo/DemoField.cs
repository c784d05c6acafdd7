namespace CrewChief.Demo;

/// <summary>
/// The demo's entry list and grid: 20 GT3 cars (six real iRacing GT3 models, invented drivers) plus the pace car
/// at index 0, each with its own pace, consistency and fuel; the player mid-grid with a fuel load one stop short,
/// the backmarker last. The series restricts fuel (a max fuel %, as many iRacing sprint series do) to the player's
/// load, so a full tank is one stop short for every car and everyone's fuel window falls in this race. Deterministic for a given <see cref="DemoRandom"/>.
/// </summary>
internal static class DemoField
{
    private static readonly string[] s_names =
    [
        "Pace Car", "Mara Lindqvist", "Tomas Okafor", "Jules Moreau", "Ravi Menon", "Hana Kowalski", "Diego Salas",
        "Ines Brandt", "Jordan Reyes", "Callum Hart", "Yuki Tanabe", "Lena Fischer", "Owen Marsh", "Priya Nair",
        "Felix Aubert", "Nora Haddad", "Sven Olsen", "Marco Bellini", "Ada Novak", "Leo Castell", "Erin Walsh",
    ];
    private static readonly (string Path, string Screen)[] s_models =
    [
        ("bmwm4gt3", "BMW M4 GT3"), ("audir8lmsevo2gt3", "Audi R8 LMS EVO II GT3"), ("ferrari296gt3", "Ferrari 296 GT3"),
        ("porsche992rgt3", "Porsche 911 GT3 R (992)"), ("lamborghinievogt3", "Lamborghini Huracan GT3 EVO"),
        ("mercedesamgevogt3", "Mercedes-AMG GT3 2020"),
    ];

    public static void Create(DemoCar[] cars, int[] order, ref DemoRandom random, DemoTrack track, DemoTimeline timeline)
    {
        int raceLaps = timeline.RaceLaps;
        cars[0] = new DemoCar(0, s_names[0], "0", "safety pcporsche911cup", "safety pcporsche911cup") { State = DemoCarState.Grid };
        Span<float> paces = stackalloc float[DemoRace.RacingCars + 1];
        for (int i = 1; i <= DemoRace.RacingCars; i++)
        {
            var (path, screen) = s_models[(i * 7) % s_models.Length];
            int number = 3 + (i * 37) % 97;
            var car = new DemoCar(i, s_names[i], number.ToString(System.Globalization.CultureInfo.InvariantCulture), path, screen);
            car.BasePace = track.ReferenceLapTime + random.Range(-0.7f, 1.2f);
            car.Consistency = random.Range(0.12f, 0.45f);
            car.FuelPerLap = random.Range(2.35f, 2.6f);
            car.TankLitres = DemoRace.TankLitres;
            float stintLaps = random.Range(0.45f * raceLaps + 0.5f, 0.78f * raceLaps);
            car.Fuel = car.FuelPerLap * stintLaps;   // capped at the restriction below
            car.TyreTemp = DemoRace.AirTempC + 6f;
            cars[i] = car;
            paces[i] = car.BasePace + random.Range(-0.5f, 0.5f); // qualifying
        }
        // The player: a mid-pack pace, a fuel load one stop short of the distance, a clean driver.
        var player = cars[DemoRace.PlayerIdx];
        player.BasePace = track.ReferenceLapTime - 0.05f;
        player.Consistency = 0.15f;
        player.FuelPerLap = 2.45f;
        // The series limits tyre sets and the player's new ones went in practice and qualifying: the race starts on a
        // used set, which the crew measures at spawn well past the wear warning, and it reaches critical in the stint.
        player.Wear = player.StintStartWear = DemoRace.PlayerStartWear;
        player.Fuel = player.FuelPerLap * (timeline.PitLap - 1 + track.PitEntryPct + 0.04f + 0.5f);
        // The restriction (the YAML gives it to 0.1 % of the tank), and the player starts full.
        float maxFuel = MathF.Ceiling(player.Fuel / DemoRace.TankLitres * 1000f) / 1000f * DemoRace.TankLitres;
        player.Fuel = maxFuel;
        for (int i = 1; i <= DemoRace.RacingCars; i++)
        {
            cars[i].MaxFuel = maxFuel;
            cars[i].Fuel = MathF.Min(cars[i].Fuel, maxFuel);
        }
        // The backmarker: slowest car, starts last, spins on lap 1 (scripted by DemoPlayerScript).
        var back = cars[DemoRace.BackmarkerIdx];
        back.BasePace = track.ReferenceLapTime + 1.6f;

        // Grid by qualifying pace, with the player forced into its slot.
        int n = 0;
        for (int i = 1; i <= DemoRace.RacingCars; i++) if (i != DemoRace.PlayerIdx && i != DemoRace.BackmarkerIdx) order[n++] = i;
        for (int a = 1; a < n; a++)
        {
            int x = order[a];
            int b = a - 1;
            while (b >= 0 && paces[order[b]] > paces[x]) { order[b + 1] = order[b]; b--; }
            order[b + 1] = x;
        }
        for (int s = n; s > DemoRace.PlayerGridSlot; s--) order[s] = order[s - 1];
        order[DemoRace.PlayerGridSlot] = DemoRace.PlayerIdx;
        order[DemoRace.RacingCars - 1] = DemoRace.BackmarkerIdx;
        for (int s = 0; s < DemoRace.RacingCars; s++)
        {
            var car = cars[order[s]];
            car.GridSlot = s;
            car.Position = s + 1;
            car.State = DemoCarState.Grid;
            car.Dist = -(DemoRace.GridFrontM + DemoRace.GridGapM * s);
            car.LapTarget = car.BasePace;
        }
        cars[0].Dist = -(DemoRace.GridFrontM - 40f);
    }
}
