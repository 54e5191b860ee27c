package mil.usace.cwbi.migration.cluster;

class ClusterIT {
  static final String LIVENESS = "/actuator/health/liveness";
  static final String READINESS = "/actuator/health/readiness";
}
