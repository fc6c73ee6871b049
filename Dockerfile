# syntax=docker/dockerfile:1
# Container image of mcp-oauth-gateway. Without arguments it runs the MCP server; with
# arguments it runs a command of the jar instead. The client's sign-in callback listens on
# loopback, so on Linux it shares the host's network:
#   docker run --rm -it --network host mcp-oauth-gateway client https://mcp.example.com/mcp \
#     --no-browser --client-id <id> --redirect-uri http://localhost:8765/callback list
#
# Three stages: the repository's Maven wrapper builds the jar on a JDK 17 (the jar runs on
# Java 17 and later); a training run makes an ahead-of-time cache for the JDK 25 runtime;
# the jar's extracted layers and the cache go onto that JRE image, where a user without
# privileges runs them.
#   docker build -t mcp-oauth-gateway .
# The repository's CI has no Docker engine: it checks this file statically
# (ContainerFilesTests) but has never built it.

# The base images are named by tag, not yet pinned by digest: digests could not be looked
# up where this file was written (no registry access). To pin one, take the digest of the
# tag's multi-platform index, the "Digest:" line of
#   docker buildx imagetools inspect eclipse-temurin:25-jre-alpine
# and write FROM eclipse-temurin:25-jre-alpine@sha256:<digest> (likewise for the JDK image).
# The tag then only documents the version; a bot such as Renovate or Dependabot can propose
# new digests as the tag gets security fixes.

# The build stage runs on the builder's own platform: the jar is the same for every
# platform, so an arm64 machine building an amd64 image (or the reverse) emulates nothing.
FROM --platform=$BUILDPLATFORM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src/main src/main
# The cache mount keeps Maven, plugins and dependencies between builds. Tests run in CI,
# not here; the build still checks the formatting.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -Dmaven.test.skip=true \
    && java -Djarmode=tools -jar target/mcp-oauth-gateway.jar extract --layers \
        --destination extracted --application-filename application.jar

# Training stage: the runtime image itself runs the server once with an ahead-of-time
# cache as output (JEP 483, 514, 515 on JDK 25). The training run (TrainingRun in the jar)
# starts the server as production does, stateful and then stateless, with a throwaway
# issuer of its own on loopback, and sends each 10 s of what clients send: tool calls with
# a valid token, tool lists, expired, forged and missing tokens, metadata and health. Every
# answer is checked, so the build fails rather than train on errors. The cache then holds
# the classes the start-up and the request path load and link, and the method profiles
# gathered under load: the server starts in about half the time and serves its first
# seconds of load faster (bench/README.md, which also says what it does not reach). It
# belongs to this exact JVM and these exact jar paths, hence the same image and the same
# /app layout; -cp application.jar is the class path that -jar application.jar gives the
# runtime.
FROM eclipse-temurin:25-jre-alpine AS training
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
RUN java -XX:AOTCacheOutput=app.aot -Djava.io.tmpdir=/tmp -cp application.jar \
        io.github.mcpoauthgateway.training.TrainingRun 10

FROM eclipse-temurin:25-jre-alpine
# A fixed numeric uid, so that a platform can check that the user is not root
# (Kubernetes' runAsNonRoot). Its home holds the command-line client's token cache.
RUN addgroup -S -g 10001 app && adduser -S -D -u 10001 -G app -h /home/app app
WORKDIR /app
# One layer per Boot layer, least often changed first: a new build usually ships only the
# application layer (and the cache, which follows it). The files stay owned by root, so the
# server cannot change its code.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
COPY --from=training /app/app.aot ./
USER 10001:10001
ENV SERVER_PORT=8080
EXPOSE 8080
# Alpine's busybox wget is the probe (the JRE image has no curl). It fails on any status
# other than 2xx, so an app that is DOWN turns the container unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD wget -q -T 3 -O /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health/liveness" || exit 1
# Exec form: java is PID 1 and gets SIGTERM, so the graceful shutdown runs, and arguments
# given to docker run reach the jar. The heap follows the container's memory limit; an
# OutOfMemoryError ends the process so the platform restarts it. -XX:AOTCache uses the
# training stage's cache (a JVM that cannot use it says so and starts without it). The
# server writes nothing but temporary files (Tomcat's work directory), under /tmp: run the
# container with a read-only root file system and a writable /tmp (docker-compose.yml and
# infra/service.yaml do). More flags: JDK_JAVA_OPTIONS.
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "application.jar"]
