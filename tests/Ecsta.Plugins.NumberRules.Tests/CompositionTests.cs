using System.Composition.Hosting;
using Ecsta.Abstractions.NumberFormatting;

namespace Ecsta.Plugins.NumberRules.Tests;

public sealed class CompositionTests
{
    [Fact]
    public void The_plugin_exports_one_shared_number_formatter_factory()
    {
        using var container = new ContainerConfiguration().WithAssembly(typeof(NumberFormatterFactory).Assembly).CreateContainer();

        var factories = container.GetExports<INumberFormatterFactory>().ToList();

        var factory = Assert.Single(factories);
        Assert.IsType<NumberFormatterFactory>(factory);
        Assert.Same(factory, container.GetExport<INumberFormatterFactory>());
        Assert.Equal("0123", factory.Create(NumberFormattingSettings.None with { Dial = [new NumberRule("^80(.*)", @"0\1", true)] })
            .Format(NumberDirection.Dial, "80123"));
    }
}
