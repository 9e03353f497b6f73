namespace Ecsta.Simulator;

internal static class SimulatorAssembly { }
