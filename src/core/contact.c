/* Placeholder: being written. */
typedef int contact_placeholder;
