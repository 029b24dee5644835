# The production jar in a JRE image. Build the jar first: ./mvnw -Pproduction package
FROM eclipse-temurin:17-jre
RUN useradd --system --home /app pushdeck
WORKDIR /app
COPY target/pushdeck-*.jar /app/pushdeck.jar
USER pushdeck
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/pushdeck.jar"]
