using Fsal.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nfs.Core.Exports;
using Nfs.Core.Hosting;

namespace Nfs.Core.Tests.Units;

/// <summary>Start-up validation of the server options and its messages.</summary>
public sealed class NfsServerOptionsValidatorTests
{
    private static NfsServerOptions Valid() => new()
    {
        Listen = "127.0.0.1:0",
        Exports = { new ExportOptions { Id = 1, PseudoPath = "/a", FileSystem = new MemoryFileSystem() } },
    };

    private static IEnumerable<string> Failures(NfsServerOptions options)
    {
        var result = new NfsServerOptionsValidator().Validate(null, options);
        return result.Failed ? result.Failures! : [];
    }

    [Test]
    public void Valid_options_pass()
    {
        var options = Valid();
        options.Listen = "127.0.0.1:2049, [::1]:2049";
        options.Exports.Add(new ExportOptions { Id = 2, PseudoPath = "/b", Clients = { "10.0.0.0/8", "::1", "*" } });
        Assert.That(new NfsServerOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void Duplicate_export_ids_are_named()
    {
        var options = Valid();
        options.Exports.Add(new ExportOptions { Id = 1, PseudoPath = "/b" });
        Assert.That(Failures(options), Does.Contain("Exports[1].Id: 1 is used twice"));
    }

    [Test]
    public void Duplicate_pseudo_paths_are_named_after_normalization()
    {
        var options = Valid();
        options.Exports.Add(new ExportOptions { Id = 2, PseudoPath = "//a/" });
        Assert.That(Failures(options), Does.Contain("Exports[1].PseudoPath: '//a/' is used twice"));
    }

    [Test]
    public void Pseudo_path_with_dotdot_is_refused()
    {
        var options = Valid();
        options.Exports[0].PseudoPath = "/a/../b";
        Assert.That(Failures(options).Single(), Does.StartWith("Exports[0].PseudoPath:").And.Contain(".."));
    }

    [TestCase("10.0.0.0/33")]
    [TestCase("not-an-address")]
    [TestCase("")]
    public void Bad_client_network_is_named(string network)
    {
        var options = Valid();
        options.Exports[0].Clients.Add(network);
        Assert.That(Failures(options), Does.Contain($"Exports[0].Clients: '{network}' is not an address or CIDR network"));
    }

    [TestCase("localhost:2049")]
    [TestCase("127.0.0.1:99999")]
    [TestCase("127.0.0.1:2049,garbage")]
    public void Bad_listen_string_is_named(string listen)
    {
        var options = Valid();
        options.Listen = listen;
        Assert.That(Failures(options), Does.Contain($"Listen: '{listen}' is not a list of address:port end points"));
    }

    [TestCase("")]
    [TestCase(" , ")]
    public void Empty_listen_string_is_refused(string listen)
    {
        var options = Valid();
        options.Listen = listen;
        Assert.That(Failures(options), Does.Contain("Listen: no end point"));
    }

    [Test]
    public void Root_export_combined_with_others_is_refused()
    {
        var options = Valid();
        options.Exports.Add(new ExportOptions { Id = 2, PseudoPath = "/" });
        Assert.That(Failures(options), Does.Contain("Exports: an export at \"/\" must be the only export"));
    }

    [Test]
    public void No_export_is_refused()
    {
        var options = Valid();
        options.Exports.Clear();
        Assert.That(Failures(options), Does.Contain("Exports: at least one export is required"));
    }

    [Test]
    public void Out_of_range_values_name_their_setting()
    {
        var options = Valid();
        options.Transport.MaxRecordSize = 100;
        options.Nfs4.LeaseSeconds = 1;
        options.Exports[0].Id = 0;
        var failures = Failures(options).ToList();
        Assert.That(failures, Has.Some.StartsWith("Transport.MaxRecordSize:"));
        Assert.That(failures, Has.Some.StartsWith("Nfs4.LeaseSeconds:"));
        Assert.That(failures, Has.Some.StartsWith("Exports[0].Id:"));
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var options = Valid();
        options.Listen = "nope";
        options.Exports.Add(new ExportOptions { Id = 1, PseudoPath = "/", Clients = { "x" } });
        Assert.That(Failures(options).Count(), Is.GreaterThanOrEqualTo(4));
    }

    [Test]
    public void Server_refuses_to_start_with_invalid_options()
    {
        var options = Valid();
        options.Exports[0].Clients.Add("bad");
        Assert.That(() => new NfsServer(Options.Create(options), [], null, NullLoggerFactory.Instance),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("Exports[0].Clients"));
    }

    [Test]
    public void Server_refuses_nested_exports()
    {
        var options = Valid();
        options.Exports.Add(new ExportOptions { Id = 2, PseudoPath = "/a/b", FileSystem = new MemoryFileSystem() });
        Assert.That(() => new NfsServer(Options.Create(options), [], null, NullLoggerFactory.Instance),
            Throws.InstanceOf<InvalidOperationException>().Or.InstanceOf<OptionsValidationException>());
    }

    [Test]
    public void Export_without_a_backend_needs_a_registered_factory()
    {
        var options = Valid();
        options.Exports[0].FileSystem = null;
        options.Exports[0].Fsal = "nosuchbackend";
        Assert.That(() => new NfsServer(Options.Create(options), [], null, NullLoggerFactory.Instance),
            Throws.InvalidOperationException.With.Message.Contains("nosuchbackend"));
    }
}
