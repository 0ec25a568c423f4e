{{/* Name of the chart (app.kubernetes.io/name of the punchingfist pods). */}}
{{- define "punchingfist.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every object's name: the release name, with the chart name unless it is in it. */}}
{{- define "punchingfist.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "punchingfist.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "punchingfist.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every object carries. */}}
{{- define "punchingfist.labels" -}}
helm.sh/chart: {{ include "punchingfist.chart" . }}
app.kubernetes.io/part-of: punchingfist
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector of all punchingfist pods of this release (not Redis's). */}}
{{- define "punchingfist.selectorLabels" -}}
app.kubernetes.io/name: {{ include "punchingfist.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "punchingfist.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "punchingfist.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "punchingfist.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/*
The roles this release runs, one Deployment each: `all` in one Deployment, or
with roles.split the ingest, worker and controller Deployments.
*/}}
{{- define "punchingfist.roles" -}}
{{- if .Values.roles.split -}}
ingest,worker,controller
{{- else -}}
all
{{- end -}}
{{- end -}}

{{/* The role whose pods answer webhooks and Slack: ingest when split, else all. */}}
{{- define "punchingfist.ingestRole" -}}
{{- if .Values.roles.split }}ingest{{ else }}all{{ end -}}
{{- end -}}

{{- define "punchingfist.redisName" -}}
{{- printf "%s-redis" (include "punchingfist.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* REDIS_URL as an env entry: from a Secret, the bundled Redis, or redis.url. */}}
{{- define "punchingfist.redisUrlEnv" -}}
- name: REDIS_URL
{{- if .Values.redis.existingSecret }}
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.existingSecretKey }}
{{- else if .Values.redis.enabled }}
  value: {{ printf "redis://%s:%d" (include "punchingfist.redisName" .) (int .Values.redis.service.port) | quote }}
{{- else }}
  value: {{ required "redis: set redis.enabled=true (bundled, for trying), redis.url or redis.existingSecret" .Values.redis.url | quote }}
{{- end }}
{{- end -}}

{{/* The Secret holding the credentials (existingSecret, or the one made from secrets.values). */}}
{{- define "punchingfist.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else if .Values.secrets.values -}}
{{- include "punchingfist.fullname" . -}}
{{- end -}}
{{- end -}}
