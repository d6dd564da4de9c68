using System.Reflection;
using Bus.Deployment.Tests.Support;

namespace Bus.Deployment.Tests.Compose;

/// <summary>Each Dockerfile compose builds against the project it publishes.</summary>
public sealed class Dockerfile_Specs
{
    public static TheoryData<string> Dockerfiles => [.. ComposeFile.Load().Built.Select(s => s.Build!).Distinct().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_image_runs_the_assembly_of_the_project_it_publishes(string path)
    {
        var dockerfile = Dockerfile.Load(path);
        var project = PublishedProject(dockerfile);

        Assert.Equal("Exe", project.OutputType);
        Assert.Equal(project.Folder, Path.GetDirectoryName(path)!.Replace('\\', '/'));
        Assert.Equal("Bus." + project.Folder.Split('/')[^1], project.AssemblyName);
        // The project is referenced by this test project, so its real assembly name is at hand.
        Assert.Equal(project.AssemblyName, Assembly.Load(new AssemblyName(project.AssemblyName)).GetName().Name);
        Assert.Equal(["dotnet", project.AssemblyName + ".dll"], dockerfile.LastInFinalStage("ENTRYPOINT")!.ExecForm!);
        Assert.Contains(dockerfile.Instructions, i => i.Keyword == "RUN" && i.Arguments.StartsWith($"dotnet publish {project.Path} -c Release --no-restore -o /app", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_restore_layer_copies_every_project_file_it_needs_and_the_publish_every_project_folder(string path)
    {
        var dockerfile = Dockerfile.Load(path);
        var project = PublishedProject(dockerfile);
        var build = dockerfile.InStage(0).ToList();
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments == $"dotnet restore {project.Path}");
        var publish = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal));
        Assert.True(restore >= 0 && publish > restore, $"{path}: expected 'RUN dotnet restore {project.Path}' before the publish");

        var beforeRestore = build.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Words.SkipLast(1)).ToHashSet(StringComparer.Ordinal);
        var beforePublish = build.Take(publish).Skip(restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Words.SkipLast(1)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.Contains(file, beforeRestore);
        }

        foreach (var needed in project.Closure())
        {
            Assert.True(beforeRestore.Contains(needed.Path), $"{path}: the restore needs {needed.Path} (referenced by {project.Path})");
            Assert.True(beforePublish.Contains(needed.Folder + "/"), $"{path}: the publish needs {needed.Folder}/");
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_image_builds_with_the_10_0_SDK_and_runs_as_a_non_root_user_on_the_runtime_image_it_needs(string path)
    {
        var dockerfile = Dockerfile.Load(path);
        var project = PublishedProject(dockerfile);
        var final = dockerfile.StageCount - 1;

        Assert.Equal(2, dockerfile.StageCount);
        Assert.Equal("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "FROM " + dockerfile.InStage(0).First().Arguments);
        // Messaging references the ASP.NET Core shared framework, so even a console app needs the aspnet image.
        Assert.Equal(project.NeedsAspNetCore ? "mcr.microsoft.com/dotnet/aspnet:10.0" : "mcr.microsoft.com/dotnet/runtime:10.0", dockerfile.BaseImageOf(final));
        Assert.Contains(dockerfile.InStage(final), i => i.Keyword == "COPY" && i.Flags.Contains("--from=build"));
        Assert.Equal("$APP_UID", dockerfile.LastInFinalStage("USER")!.Words[0]);
        var user = dockerfile.InStage(final).ToList().FindLastIndex(i => i.Keyword == "USER");
        Assert.DoesNotContain(dockerfile.InStage(final).Skip(user + 1), i => i.Keyword is "RUN" or "COPY" or "ADD");
    }

    [Fact]
    public void Nothing_a_Dockerfile_copies_is_left_out_of_the_build_context_and_local_build_output_is()
    {
        var ignore = DockerIgnore.Load();
        foreach (var path in Dockerfiles.Select(d => d.Data))
        {
            foreach (var copy in Dockerfile.Load(path).All("COPY").Where(c => !c.Flags.Any(f => f.StartsWith("--from=", StringComparison.Ordinal))))
            {
                foreach (var source in copy.Words.SkipLast(1))
                {
                    Assert.True(File.Exists(Repository.PathOf(source)) || Directory.Exists(Repository.PathOf(source)), $"{path} copies {source}, which does not exist");
                    Assert.Equal([], SourceFiles(source).Where(ignore.Excludes).Select(f => $"{path} copies {f}, which .dockerignore leaves out"));
                }
            }
        }

        Assert.True(ignore.Excludes("src/StreamBridge/obj/project.assets.json"));
        Assert.True(ignore.Excludes("src/Consumers.Marketing/bin/Release/net10.0/Bus.Consumers.Marketing.dll"));
        Assert.True(ignore.Excludes(".git/HEAD"));
    }

    private static ProjectFile PublishedProject(Dockerfile dockerfile)
    {
        var publish = dockerfile.All("RUN").Single(r => r.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal));
        return ProjectFile.Load(publish.Words[2]);
    }

    private static IEnumerable<string> SourceFiles(string source)
    {
        var full = Repository.PathOf(source);
        if (File.Exists(full))
        {
            return [source.TrimEnd('/')];
        }

        return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(segment => segment is "bin" or "obj"));
    }
}
