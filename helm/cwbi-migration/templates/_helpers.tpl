{{/* Names and labels (the standard app.kubernetes.io set). */}}
{{- define "cwbi.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cwbi.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "cwbi.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cwbi.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cwbi.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "cwbi.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: workflow-engine
app.kubernetes.io/part-of: cwbi-migration
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "cwbi.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cwbi.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Refuse what cannot work, at render time. */}}
{{- define "cwbi.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (eq .Values.database.type "h2") -}}
{{- fail "replicaCount > 1 needs database.type=postgres: H2 is a file that only one node can use" -}}
{{- end -}}
{{- if not .Values.secrets.existingSecret -}}
{{- fail "secrets.existingSecret is required: the admin, database, SMTP and CDA secrets come from an existing Secret" -}}
{{- end -}}
{{- if and (eq .Values.database.type "postgres") (not .Values.database.postgres.url) -}}
{{- fail "database.postgres.url is required when database.type=postgres" -}}
{{- end -}}
{{- end -}}

{{- define "cwbi.profiles" -}}
{{- $p := .Values.profiles -}}
{{- if eq .Values.database.type "postgres" -}}{{- $p = append $p "postgres" -}}{{- end -}}
{{- join "," $p -}}
{{- end -}}
