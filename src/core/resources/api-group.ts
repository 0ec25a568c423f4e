/** The API group and version of every punchingfist custom resource. */
export const apiGroup = 'punchingfist.io';
export const apiGroupVersion = 'v1alpha1';
export const apiVersion = `${apiGroup}/${apiGroupVersion}` as const;
