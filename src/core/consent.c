/* Placeholder: being written. */
typedef int consent_placeholder;
