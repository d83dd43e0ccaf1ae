/* Placeholder: being written. */
typedef int flag_placeholder;
