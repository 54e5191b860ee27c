# The image the Helm chart runs, built from this repository:
#   docker build -t registry.example.mil/cwbi/cwbi-migration:1.0.0 .
# Stage 1 builds the fat jar with the project's own Maven build (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN mvn -B -ntp -q package -DskipTests

# Stage 2: a JRE, the jar, and an unprivileged user (uid 10001, as the chart's securityContext expects).
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 cwbi && useradd --system --uid 10001 --gid cwbi --home-dir /app cwbi \
    && mkdir -p /app/config /app/data && chown -R cwbi:cwbi /app
WORKDIR /app
COPY --from=build /src/target/cwbi-migration-*.jar /app/cwbi-migration.jar
USER 10001:10001
EXPOSE 8080
# Spring Boot reads ./config/application.yaml (the chart's ConfigMap); secrets come from the environment.
ENTRYPOINT ["java", "-jar", "/app/cwbi-migration.jar"]
