/* Placeholder: being written. */
typedef int story_placeholder;
