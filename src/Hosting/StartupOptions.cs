using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mesh.Hosting;

/// <summary>
/// Binds and validates options before the host is built: Orleans and Kestrel are configured from them,
/// and a bad value must stop the process with a line that names the key.
/// </summary>
public static class StartupOptions
{
    /// <summary>Reads the options now (a bad value stops start-up) and registers them, bound and validated, for injection.</summary>
    public static TOptions Add<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class, new()
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        var options = Read<TOptions, TValidator>(configuration, section);
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return options;
    }

    public static TOptions Read<TOptions, TValidator>(IConfiguration configuration, string section)
        where TOptions : class, new()
        where TValidator : IValidateOptions<TOptions>, new()
    {
        TOptions options;
        try
        {
            options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException(e.Message, e);
        }

        var result = new TValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new StartupException(string.Join("; ", result.Failures ?? []));
        }

        return options;
    }
}
