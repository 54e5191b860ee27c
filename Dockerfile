# The cwbi-migration image: the fat jar built by Maven, on a JRE 17, as a non-root user.
#   mvn -B -ntp package -DskipTests && docker build -t registry.example.mil/cwbi/cwbi-migration:1.0.0 .
# (or let the first stage build it: docker build --target build ... needs Maven Central from the build host)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN mvn -B -ntp -q package -DskipTests && cp target/cwbi-migration-*.jar /app.jar

FROM eclipse-temurin:17-jre
# A fixed non-root uid/gid, the same as the chart's podSecurityContext.
RUN groupadd --system --gid 10001 cwbi && useradd --system --uid 10001 --gid cwbi --home-dir /app cwbi \
    && mkdir -p /app /data /config && chown cwbi:cwbi /data
COPY --from=build /app.jar /app/cwbi-migration.jar
USER 10001:10001
WORKDIR /app
ENV CWBI_DATA_DIR=/data \
    SPRING_CONFIG_ADDITIONAL_LOCATION=optional:file:/config/ \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
VOLUME ["/data", "/tmp"]
ENTRYPOINT ["java", "-jar", "/app/cwbi-migration.jar"]
