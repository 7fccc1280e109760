using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Nfs.Core.Exports;

namespace Nfs.Core.Hosting;

/// <summary>Validates <see cref="NfsServerOptions"/> at start, with messages that name the bad setting.</summary>
public sealed class NfsServerOptionsValidator : IValidateOptions<NfsServerOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, NfsServerOptions options)
    {
        var errors = new List<string>();
        Check(options.Transport, "Transport", errors);
        Check(options.Nfs4, "Nfs4", errors);
        Check(options.IdMapping, "IdMapping", errors);
        Check(options.Nlm, "Nlm", errors);
        Check(options.Nfs3, "Nfs3", errors);
        Check(options.Rpcbind, "Rpcbind", errors);
        try
        {
            var listen = options.ParseListen();
            if (listen.Count == 0) errors.Add("Listen: no end point");
            if (options.Nfs3.Enabled && options.Nfs3.MountPort is > 0 and var mountPort && listen.Any(ep => ep.Port == mountPort))
            {
                errors.Add($"Nfs3.MountPort: {mountPort} is the NFS port; leave MountPort unset to serve MOUNT there");
            }
        }
        catch (FormatException)
        {
            errors.Add($"Listen: '{options.Listen}' is not a list of address:port end points");
        }
        try
        {
            options.ParseAuxiliaryListen();
        }
        catch (FormatException)
        {
            errors.Add($"AuxiliaryListen: '{options.AuxiliaryListen}' is not a list of address:port end points");
        }
        try
        {
            options.Rpcbind.ParseEndPoint();
        }
        catch (FormatException)
        {
            errors.Add($"Rpcbind.EndPoint: '{options.Rpcbind.EndPoint}' is not an address:port end point");
        }
        if (options.Exports.Count == 0) errors.Add("Exports: at least one export is required");
        var ids = new HashSet<int>();
        var paths = new HashSet<string>();
        for (int i = 0; i < options.Exports.Count; i++)
        {
            var e = options.Exports[i];
            string at = $"Exports[{i}]";
            Check(e, at, errors);
            if (!ids.Add(e.Id)) errors.Add($"{at}.Id: {e.Id} is used twice");
            try
            {
                if (!paths.Add(PseudoPaths.Normalize(e.PseudoPath))) errors.Add($"{at}.PseudoPath: '{e.PseudoPath}' is used twice");
            }
            catch (FormatException ex)
            {
                errors.Add($"{at}.PseudoPath: {ex.Message}");
            }
            foreach (var c in e.Clients)
            {
                try
                {
                    ClientNetwork.Parse(c);
                }
                catch (FormatException)
                {
                    errors.Add($"{at}.Clients: '{c}' is not an address or CIDR network");
                }
            }
        }
        if (options.Exports.Count > 1 && paths.Contains("/")) errors.Add("Exports: an export at \"/\" must be the only export");
        foreach (var outer in paths)
        {
            if (outer == "/") continue;
            foreach (var inner in paths)
            {
                if (inner.StartsWith(outer + "/", StringComparison.Ordinal)) errors.Add($"Exports: '{inner}' lies inside '{outer}'; nested exports are not supported");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(object target, string prefix, List<string> errors)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true)) return;
        foreach (var r in results) errors.Add($"{prefix}.{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
    }
}
