{{- define "cwbi-migration.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "cwbi-migration.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "cwbi-migration.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cwbi-migration.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "cwbi-migration.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "cwbi-migration.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: workflow-engine
app.kubernetes.io/part-of: cwbi-migration
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "cwbi-migration.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cwbi-migration.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Refuses what cannot work: several nodes on one H2 file, PostgreSQL without its profile, URL or Secret. */}}
{{- define "cwbi-migration.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (ne .Values.database.type "postgres") }}
{{- fail (printf "replicaCount %d needs database.type=postgres: H2 is a file of one node; several replicas must share a PostgreSQL database" (int .Values.replicaCount)) }}
{{- end }}
{{- if eq .Values.database.type "postgres" }}
{{- if not (has "postgres" .Values.profiles) }}
{{- fail "database.type=postgres needs the \"postgres\" profile in profiles" }}
{{- end }}
{{- if not .Values.database.url }}
{{- fail "database.type=postgres needs database.url (jdbc:postgresql://host:5432/db)" }}
{{- end }}
{{- if not .Values.database.existingSecret }}
{{- fail "database.type=postgres needs database.existingSecret (a Secret with the user name and password)" }}
{{- end }}
{{- end }}
{{- if and (has "prod" .Values.profiles) (not .Values.admin.existingSecret) }}
{{- fail "the prod profile needs admin.existingSecret (a Secret with the administrator's password)" }}
{{- end }}
{{- if and (has "prod" .Values.profiles) (has "demo" .Values.profiles) }}
{{- fail "the prod and demo profiles exclude each other" }}
{{- end }}
{{- end }}
